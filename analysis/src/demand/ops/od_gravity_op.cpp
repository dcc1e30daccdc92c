// The od-gravity operation.
#include "ekm/demand/ops/od_gravity_op.h"

#include <cmath>

#include "ekm/core/error.h"
#include "ekm/demand/ops/od_furness_op.h"
#include "ekm/demand/ops/result_tables.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"

namespace ekm::demand {

namespace {

using core::ErrorContext;

void filesOnly(bool given, const char* field) {
  if (given) throwParam(std::string(field) + " is for the gravity model on files (cost)", field, "cost", "a project");
}

void projectOnly(bool given, const char* field) {
  if (given)
    throwParam(std::string(field) + " is for the gravity model on a project, not on files", field, "no cost",
               "cost");
}

// A trip-length distribution CSV lower,upper,trips: contiguous bin edges and observed trips.
void readTld(const std::string& path, std::vector<double>& edges, std::vector<double>& observed) {
  io::TextInput in(path);
  io::CsvReader csv(in);
  csv.next();
  while (csv.next()) {
    if (csv.size() < 3)
      throw core::ParseError("expected lower,upper,trips",
                             ErrorContext{csv.path(), csv.line(), std::nullopt, "", "3 fields", std::to_string(csv.size())});
    const double lo = std::stod(std::string(csv[0])), hi = std::stod(std::string(csv[1]));
    if (edges.empty())
      edges.push_back(lo);
    else if (std::abs(edges.back() - lo) > 1e-12)
      throw core::ValidationError("bins must be contiguous", ErrorContext{csv.path(), csv.line(), std::nullopt, "lower",
                                                                          std::to_string(edges.back()),
                                                                          std::string(csv[0])});
    edges.push_back(hi);
    observed.push_back(std::stod(std::string(csv[2])));
  }
}

void gravityOnFiles(ops::Session& session, const OdGravityParams& p, const FurnessOptions& opt, OdGravityOutcome& out,
                    core::Feedback& feedback) {
  const auto cost = readCostCsv(inputPath(session, p.cost), p.cost_column);
  const auto te = tripEndsFromFile(inputPath(session, p.trip_ends), cost.zoneIds, p.balance);
  Deterrence det = p.deterrence.function();
  out.od.zoneIds = cost.zoneIds;
  if (p.deterrence.mean_cost || !p.tld.empty()) {
    CalibrationResult c;
    if (p.deterrence.mean_cost) {
      det.setDecayParameter(0);
      c = calibrateToMeanCost(cost.matrix, te.productions, te.attractions, *p.deterrence.mean_cost, det, opt, feedback);
      out.calibration = "mean-cost";
    } else {
      std::vector<double> edges, observed;
      readTld(inputPath(session, p.tld), edges, observed);
      const double upper =
          det.kind == DeterrenceKind::Power ? 10.0 : 20.0 / std::max(1e-9, edges.back() * 0.5);
      c = calibrateToDistribution(cost.matrix, te.productions, te.attractions, edges, observed, det, 0.0, upper, opt,
                                  feedback);
      out.calibration = "tld";
    }
    out.deterrence = c.deterrence;
    out.modelledMeanCost = c.modelledMeanCost;
    out.targetMeanCost = c.targetMeanCost;
    out.calibrationRuns = c.iterations;
    out.furness = std::move(c.result);
  } else {
    out.deterrence = det;
    out.furness = gravity(cost.matrix, te.productions, te.attractions, det, opt, feedback);
  }
  out.od.matrix = std::move(out.furness.trips);
  out.furness.trips = OdMatrix();
  out.meanCost = meanTripCost(out.od.matrix, cost.matrix);
  out.description = "gravity " + out.deterrence.describe();
}

}  // namespace

void OdGravityParams::validate() const {
  hours.validate();
  if (onFiles()) {
    if (trip_ends.empty()) throwParam("missing parameter", "trip_ends", "a trip ends CSV", "nothing");
    projectOnly(!network.isDefault(), "network options");
    projectOnly(hours.given() || hours.no_stays || hours.no_stations, "from");
  } else {
    network.validate();
    filesOnly(!trip_ends.empty(), "trip_ends");
    filesOnly(!tld.empty(), "tld");
    filesOnly(balance, "balance");
    filesOnly(cost_column != "cost", "cost_column");
  }
}

OdGravityOutcome OdGravityOp::run(ops::Session& session, const Params& params, core::Feedback& feedback,
                                  const OdGravityHooks& hooks) {
  FurnessOptions opt;
  opt.tolerance = params.tolerance;
  opt.maxIterations = static_cast<int>(params.max_iter);
  OdGravityOutcome out;
  if (params.onFiles()) {
    gravityOnFiles(session, params, opt, out, feedback);
  } else {
    if (!session.hasProject())
      throwParam("od-gravity needs cost and trip ends files, or a project", "cost", "a cost CSV or a project",
                 "neither");
    params.hours.options("the gravity model");  // before any work
    out.onProject = true;
    core::MultiStepFeedback steps(feedback, 2);
    out.streets = projectStreets(session, params.network, steps);
    out.warnings = out.streets.warnings;
    if (hooks.streets) hooks.streets(out.streets);
    steps.setCurrentStep(1);
    auto g = projectGravity(session, out.streets, params.hours, params.deterrence, opt, steps);
    out.tripEnds = std::move(g.tripEnds);
    out.od = std::move(g.gravity.od);
    out.furness = std::move(g.gravity.furness);
    out.deterrence = g.gravity.deterrence;
    out.calibration = params.deterrence.mean_cost ? "mean-cost" : "";
    out.calibrationRuns = g.gravity.calibrationRuns;
    out.targetMeanCost = params.deterrence.mean_cost.value_or(0);
    out.meanCost = meanTripCost(out.od.matrix, g.minutes);
    out.modelledMeanCost = out.meanCost;
    out.description = std::move(g.gravity.description);
  }
  if (!params.out.empty()) {
    out.outPath = session.resolve(params.out);
    writeOdCsv(out.outPath, out.od);
  }
  return out;
}

ops::OpResult OdGravityOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"model", r.description},
                 {"zones", r.od.zoneIds.size()},
                 {"trips", jsonNumber(r.od.matrix.total())},
                 {"mean_cost", jsonNumber(r.meanCost)},
                 {"decay_parameter", jsonNumber(r.deterrence.decayParameter())},
                 {"calibration_runs", r.calibrationRuns}};
  addFurnessSummary(out.summary, r.furness);
  out.tables.push_back(odTable(r.od));
  if (!r.outPath.empty()) out.outputs.push_back(r.outPath);
  out.warnings = r.warnings;
  return out;
}

}  // namespace ekm::demand
