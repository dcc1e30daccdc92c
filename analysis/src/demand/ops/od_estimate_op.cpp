// The od-estimate operation.
#include "ekm/demand/ops/od_estimate_op.h"

#include <cstdlib>

#include "demand/ops/result_files.h"
#include "ekm/core/error.h"
#include "ekm/demand/ops/result_tables.h"
#include "ekm/demand/tntp.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"
#include "ekm/store/project.h"

namespace ekm::demand {

namespace {

using core::ErrorContext;

void check(bool ok, const std::string& message, const char* field, const std::string& expected) {
  if (!ok) throwParam(message, field, expected, "nothing");
}

void notFor(bool given, const char* field, const char* mode) {
  if (given) throwParam(std::string(field) + " is not for " + mode, field, "", "given");
}

MatrixEstimationOptions estimationOptions(const OdEstimateParams& p) {
  MatrixEstimationOptions o;
  o.outerIterations = static_cast<int>(p.outer);
  o.innerIterations = static_cast<int>(p.inner);
  o.regularization = p.rho;
  o.assignment.relativeGap = p.gap;
  o.assignment.maxIterations = static_cast<int>(p.max_iter);
  o.assignment.threads = static_cast<int>(p.threads);
  return o;
}

// Counts CSV init_node,term_node,count on a TNTP network.
std::vector<LinkCount> readTntpCounts(const std::string& path, const Network& net) {
  std::vector<LinkCount> counts;
  io::TextInput in(path);
  io::CsvReader csv(in);
  csv.next();
  while (csv.next()) {
    if (csv.size() < 3)
      throw core::ParseError("expected init_node,term_node,count",
                             ErrorContext{path, csv.line(), std::nullopt, "", "3 fields", std::to_string(csv.size())});
    const int i = std::atoi(std::string(csv[0]).c_str()), j = std::atoi(std::string(csv[1]).c_str());
    const int a = net.findLink(i - 1, j - 1);
    if (a < 0)
      throw core::ValidationError("no such link in the network",
                                  ErrorContext{path, csv.line(), std::nullopt, "init_node,term_node", "a link of NET",
                                               std::string(csv[0]) + "," + std::string(csv[1])});
    char* end = nullptr;
    const std::string s(csv[2]);
    const double c = std::strtod(s.c_str(), &end);
    if (s.empty() || *end) throw core::ParseError("not a number", ErrorContext{path, csv.line(), std::nullopt, "count", "a number", s});
    counts.push_back({a, c});
  }
  return counts;
}

store::TravelMode travelMode(const std::string& name) {
  return name == "bicycle" ? store::TravelMode::Bicycle
         : name == "vehicle" ? store::TravelMode::Vehicle
                             : store::TravelMode::Pedestrian;
}

void estimateOnTntp(ops::Session& session, const OdEstimateParams& p, OdEstimateOutcome& out,
                    MatrixEstimationOptions& opt) {
  const auto tntp = readTntpNetwork(inputPath(session, p.tntp_net));
  out.network = Network::fromTntp(tntp);
  std::vector<std::string> zones;
  for (int z = 1; z <= out.network.zoneCount(); ++z) zones.push_back(std::to_string(z));
  out.od.zoneIds = zones;
  out.od.matrix = !p.tntp_trips.empty() ? OdMatrix::fromTntp(readTntpTrips(inputPath(session, p.tntp_trips)))
                                        : readOdCsv(inputPath(session, p.prior), "trips", zones).matrix;
  out.counts = readTntpCounts(inputPath(session, p.counts), out.network);
  opt.assignment.weights = costWeightsFromTntp(tntp);  // <TOLL FACTOR>/<DISTANCE FACTOR>
}

void estimateOnProject(ops::Session& session, const OdEstimateParams& p, OdEstimateOutcome& out,
                       core::Feedback& feedback, const StreetsReady& streetsReady) {
  out.onProject = true;
  out.from = hourParam(p.from, "from");
  out.to = hourParam(p.to, "to");
  OdSourceParams prior;
  prior.od = p.od;
  out.project = projectDemand(session, p.network, prior, feedback, streetsReady);
  out.warnings = out.project.warnings;
  out.od = out.project.od;
  out.countMode = p.count_mode.value_or(p.network.network == "road" ? "vehicle" : "pedestrian");
  session.recordTableRead("segment_counts");
  const auto totals = segmentCountTotals(session.project(), out.from, out.to, travelMode(out.countMode));
  out.hoursInRange = totals.hoursInRange;
  out.incomplete = totals.incomplete;
  for (const auto& i : out.incomplete) feedback.warning("counts skipped, incomplete: " + i);
  out.matched = matchCountsToLinks(out.project.network.network.zoned, totals.totals, &out.unmatched);
  for (const auto& u : out.unmatched) feedback.warning("counts skipped, segment not in the network: " + u);
  for (const auto& m : out.matched) out.counts.push_back(m.count);
}

}  // namespace

void OdEstimateParams::validate() const {
  if (onTntp()) {
    check(!counts.empty(), "missing required option --counts", "counts", "a counts CSV");
    check(!tntp_trips.empty() || !prior.empty(), "estimate needs --tntp-trips or --prior", "tntp_trips",
          "a TNTP trips file or a prior OD CSV");
    notFor(!network.isDefault(), "network options", "TNTP files");
    notFor(!od.empty(), "od", "TNTP files (use prior)");
    notFor(!from.empty() || !to.empty(), "from", "TNTP files");
    notFor(count_mode.has_value(), "count_mode", "TNTP files");
  } else {
    network.validate();
    notFor(!tntp_trips.empty(), "tntp_trips", "a project (use od)");
    notFor(!prior.empty(), "prior", "a project (use od)");
    notFor(!counts.empty(), "counts", "a project (segment_counts are used)");
    check(!od.empty(), "missing required option --od", "od", "the prior OD");
    check(!from.empty(), "missing required option --from", "from", "an ISO date-time on the hour");
    check(!to.empty(), "missing required option --to", "to", "an ISO date-time on the hour");
    if (hourParam(to, "to") < hourParam(from, "from"))
      throwParam("--to before --from", "to", "an hour >= --from", to);
  }
}

OdEstimateOutcome OdEstimateOp::run(ops::Session& session, const Params& params, core::Feedback& feedback,
                                    const OdEstimateHooks& hooks) {
  OdEstimateOutcome out;
  auto opt = estimationOptions(params);
  core::MultiStepFeedback steps(feedback, 2);
  if (params.onTntp()) {
    estimateOnTntp(session, params, out, opt);
  } else {
    if (!session.hasProject())
      throwParam("od-estimate needs TNTP files or a project", "tntp_net", "tntp_net or a project", "neither");
    estimateOnProject(session, params, out, steps, hooks.streets);
  }
  out.priorTrips = out.od.matrix.total();
  if (hooks.ready) hooks.ready(out);
  if (out.onProject && out.matched.empty())
    throw core::ValidationError("no usable counts", ErrorContext{session.projectPath(), std::nullopt, std::nullopt,
                                                                 "segment_counts", "complete counts of network segments",
                                                                 "none in the range"});
  steps.setCurrentStep(1);
  const Network& net = out.onProject ? out.project.network.network.zoned.network : out.network;
  out.estimation = estimateMatrix(net, out.od.matrix, out.counts, opt, steps);
  out.od.matrix = std::move(out.estimation.matrix);
  out.estimation.matrix = OdMatrix();
  if (!params.geh.empty()) {
    out.gehPath = session.resolve(params.geh);
    auto f = openResultFile(out.gehPath);
    f.precision(10);
    const auto& r = out.estimation;
    f << (out.onProject ? "segment_id,direction," : "init_node,term_node,")
      << "count,prior_volume,prior_geh,volume,geh\n";
    for (std::size_t k = 0; k < out.counts.size(); ++k) {
      if (out.onProject)
        f << out.matched[k].total.segmentId << ',' << store::directionName(out.matched[k].total.direction) << ',';
      else
        f << net.link(out.counts[k].link).from + 1 << ',' << net.link(out.counts[k].link).to + 1 << ',';
      f << out.counts[k].count << ',' << r.before[k].modelled << ',' << r.before[k].geh << ',' << r.after[k].modelled
        << ',' << r.after[k].geh << '\n';
    }
  }
  if (!params.out.empty()) {
    out.outPath = session.resolve(params.out);
    writeOdCsv(out.outPath, out.od);
  }
  return out;
}

double OdEstimateOutcome::meanGehBefore() const {
  double s = 0;
  for (const auto& g : estimation.before) s += g.geh;
  return estimation.before.empty() ? 0.0 : s / static_cast<double>(estimation.before.size());
}

double OdEstimateOutcome::meanGehAfter() const {
  double s = 0;
  for (const auto& g : estimation.after) s += g.geh;
  return estimation.after.empty() ? 0.0 : s / static_cast<double>(estimation.after.size());
}

ops::OpResult OdEstimateOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"counts", r.counts.size()},
                 {"geh_below_5_before", jsonNumber(r.estimation.shareGehBelow5Before)},
                 {"geh_below_5_after", jsonNumber(r.estimation.shareGehBelow5After)},
                 {"mean_geh_before", jsonNumber(r.meanGehBefore())},
                 {"mean_geh_after", jsonNumber(r.meanGehAfter())},
                 {"prior_trips", jsonNumber(r.priorTrips)},
                 {"trips", jsonNumber(r.od.matrix.total())}};
  out.tables.push_back(odTable(r.od));
  ops::ResultTable g;
  g.name = "geh";
  g.keyColumns = 2;
  g.columns = {r.onProject ? "segment_id" : "init_node", r.onProject ? "direction" : "term_node", "count",
               "prior_volume", "prior_geh", "volume", "geh"};
  const Network& net = r.onProject ? r.project.network.network.zoned.network : r.network;
  for (std::size_t k = 0; k < r.counts.size() && k < r.estimation.after.size(); ++k) {
    const auto& b = r.estimation.before[k];
    const auto& a = r.estimation.after[k];
    const ops::Json k0 = r.onProject ? ops::Json(r.matched[k].total.segmentId)
                                     : ops::Json(net.link(r.counts[k].link).from + 1);
    const ops::Json k1 = r.onProject ? ops::Json(store::directionName(r.matched[k].total.direction))
                                     : ops::Json(net.link(r.counts[k].link).to + 1);
    g.rows.push_back({k0, k1, jsonNumber(r.counts[k].count), jsonNumber(b.modelled), jsonNumber(b.geh),
                      jsonNumber(a.modelled), jsonNumber(a.geh)});
  }
  out.tables.push_back(std::move(g));
  for (const auto* p : {&r.outPath, &r.gehPath})
    if (!p->empty()) out.outputs.push_back(*p);
  out.warnings = r.warnings;
  return out;
}

}  // namespace ekm::demand
