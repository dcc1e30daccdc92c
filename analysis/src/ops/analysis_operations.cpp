// Every operation of the analysis library, registered once. Programme modules add
// their operations here.
#include "ekm/flow/compare_periods_op.h"
#include "ekm/io/import_op.h"
#include "ekm/ops/registry.h"
#include "ekm/sample/sample_op.h"

namespace ekm::ops {

void registerAnalysisOperations(Registry& r) {
  r.add<io::ImportOp>();
  r.add<io::BasemapImportOp>();
  r.add<sample::SampleOp>();
  r.add<flow::ComparePeriodsOp>();
}

}  // namespace ekm::ops
