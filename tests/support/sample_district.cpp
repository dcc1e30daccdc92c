#include "support/sample_district.h"

#include "ekm/core/feedback.h"
#include "ekm/ops/session.h"
#include "ekm/sample/sample_op.h"

namespace ekm_test {

std::string generateSampleDistrict(const std::string& outDir, const std::string& from, const std::string& to,
                                   double radiusM) {
  ekm::ops::Session session;
  ekm::sample::SampleParams p;
  p.out = outDir;
  p.from = from;
  p.to = to;
  p.radius = radiusM;
  return ekm::ops::run<ekm::sample::SampleOp>(session, p, ekm::core::nullFeedback()).projectPath;
}

}  // namespace ekm_test
