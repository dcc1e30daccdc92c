#pragma once
// The assign operation's two runs (assign_tntp.cpp, assign_project.cpp).
#include "demand/ops/result_files.h"
#include "ekm/demand/ops/assign_op.h"

namespace ekm::demand {

AssignOutcome assignTntp(ops::Session& session, const AssignParams& params, core::Feedback& feedback,
                         const AssignHooks& hooks);
AssignOutcome assignProject(ops::Session& session, const AssignParams& params, core::Feedback& feedback,
                            const AssignHooks& hooks);

}  // namespace ekm::demand
