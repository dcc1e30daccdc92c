// Every operation of the analysis library, registered once. Programme modules add
// their operations here.
#include "ekm/citylink/citylink_ops.h"
#include "ekm/demand/ops/demand_operations.h"
#include "ekm/energy/feed_op.h"
#include "ekm/energy/fit_op.h"
#include "ekm/energy/forecast_op.h"
#include "ekm/energy/verify_op.h"
#include "ekm/energy/import_op.h"
#include "ekm/energy/plan_op.h"
#include "ekm/flow/agreement_op.h"
#include "ekm/flow/catchment_op.h"
#include "ekm/flow/compare_periods_op.h"
#include "ekm/flow/forecast_op.h"
#include "ekm/flow/linked_op.h"
#include "ekm/flow/profile_op.h"
#include "ekm/flow/xcorr_op.h"
#include "ekm/io/import_op.h"
#include "ekm/io/project_copy_op.h"
#include "ekm/io/project_new_op.h"
#include "ekm/mobility/mobility_ops.h"
#include "ekm/mobility/ridership_ops.h"
#include "ekm/io/result_export_op.h"
#include "ekm/ops/registry.h"
#include "ekm/sample/sample_op.h"

namespace ekm::ops {

void registerAnalysisOperations(Registry& r) {
  r.add<io::ImportOp>();
  r.add<io::BasemapImportOp>();
  r.add<io::ExportResultsOp>();
  r.add<io::ProjectCopyOp>();
  r.add<io::ProjectNewOp>();
  r.add<sample::SampleOp>();
  demand::registerDemandOperations(r);
  r.add<energy::EnergyFitOp>();
  r.add<energy::EnergyForecastOp>();
  r.add<energy::EnergyVerifyOp>();
  mobility::registerMobilityOperations(r);
  mobility::registerRidershipOperations(r);
  r.add<energy::EnergyImportOp>();
  r.add<energy::PlanOp>();
  r.add<energy::EnergyFeedOp>();
  citylink::registerCitylinkOperations(r);
  r.add<flow::ComparePeriodsOp>();
  r.add<flow::ProfileOp>();
  r.add<flow::CatchmentOp>();
  r.add<flow::XcorrOp>();
  r.add<flow::AgreementOp>();
  r.add<flow::LinkedOp>();
  r.add<flow::ForecastOp>();
  r.add<flow::BacktestOp>();
}

}  // namespace ekm::ops
