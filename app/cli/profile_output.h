#pragma once
// How `ekimachi-cli profile` prints the typed results of the profile operation and of its
// linking views (catchment, xcorr, agreement): CSV or JSON on stdout.
#include <ostream>
#include <string>

#include "ekm/flow/agreement_op.h"
#include "ekm/flow/catchment_op.h"
#include "ekm/flow/profile_op.h"
#include "ekm/flow/xcorr_op.h"

namespace ekm::cli {

// format: "csv" or "json".
void printProfile(std::ostream& os, const flow::ProfileResult& r, const std::string& format);
void printCatchment(std::ostream& os, const flow::CatchmentResult& r, const std::string& format);
void printXcorr(std::ostream& os, const flow::XcorrResult& r, const std::string& format);
void printAgreement(std::ostream& os, const flow::AgreementOpResult& r, const std::string& format);

}  // namespace ekm::cli
