// ekimachi-cli od: trip ends, gravity/Furness distribution, matrix estimation from
// counts, OD matrix import/export (CSV, OpenMatrix/OMX HDF5 files, the older OMX-style
// folder, project store).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/demand/gravity.h"
#include "ekm/demand/matrix_estimation.h"
#include "ekm/demand/od_io.h"
#include "ekm/demand/omx_file.h"
#include "ekm/demand/project_counts.h"
#include "ekm/demand/tntp.h"
#include "ekm/demand/trip_ends.h"
#include "ekm/demand/zones.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"
#include "ekm/store/project.h"
#include "project_network.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

const std::string kUsageText =
    std::string(
        "usage: ekimachi-cli od SUBCOMMAND [options]\n\n"
        "  gravity   --cost COST.csv [--cost-column cost] --trip-ends ENDS.csv --out OD.csv\n"
        "            [--deterrence exp|power|combined] [--alpha A] [--beta B]\n"
        "            [--mean-cost L | --tld BINS.csv] [--balance] [--tolerance T] [--max-iter N]\n"
        "            [--project P --period NAME]\n"
        "      Doubly constrained gravity model T_ij = a_i b_j f(c_ij), Furness-balanced.\n"
        "      COST.csv: origin,destination,cost (the --skims output of `assign` works; pairs not\n"
        "      listed are unreachable). ENDS.csv: zone,production,attraction. --mean-cost calibrates\n"
        "      beta (alpha for power) by Hyman's method; --tld (columns lower,upper,trips) by\n"
        "      golden-section search. --balance scales attractions to the productions' total.\n"
        "  gravity   --project P --from T --to T --out OD.csv [--zones Z] [--no-stays] [--no-stations]\n"
        "            [--deterrence ...] [--alpha A] [--beta B] [--mean-cost MIN] [--tolerance T]\n"
        "            [--max-iter N] [--period NAME] [network options, see estimate]\n"
        "      The same on the project: trip ends as `trip-ends` computes them (zones left out of the\n"
        "      network get none), cost = free-flow time in minutes on the project's street network\n"
        "      (as `assign --project` builds it); the Demand dock's gravity model. --period stores it.\n"
        "  furness   --seed OD.csv --trip-ends ENDS.csv --out OD.csv [--balance] [--tolerance T] [--max-iter "
        "N]\n"
        "      Bi-proportional balancing (IPF) of a seed matrix to the trip ends.\n"
        "  estimate  --tntp-net NET (--tntp-trips TRIPS | --prior OD.csv) --counts COUNTS.csv --out OD.csv\n"
        "            [--geh GEH.csv] [--outer N] [--inner N] [--rho R] [--gap G] [--max-iter N] [--threads "
        "N]\n"
        "      Adjust the prior so assigned flows match counts (Spiess gradient, bi-level with\n"
        "      Algorithm B). COUNTS.csv: init_node,term_node,count (TNTP node numbers). Prints GEH.\n"
        "      The net file's <TOLL FACTOR>/<DISTANCE FACTOR> weight the generalized cost.\n"
        "  estimate  --project P --od PRIOR --from T --to T --out OD.csv [--geh GEH.csv]\n"
        "            [--network walking|road] [--zones Z] [--count-mode pedestrian|bicycle|vehicle]\n"
        "            [--period NAME] [--outer N] [--inner N] [--rho R] [--gap G] [--max-iter N]\n"
        "      The same on the project's street network (as `scenario run --project` builds it):\n"
        "      counts from segment_counts summed over hours T..T (a segment direction enters only\n"
        "      with a value in every hour), matched to links by segment_id (forward/backward along\n"
        "      the digitised direction, both = the two directions' sum). The prior OD (--od, a CSV\n"
        "      or a period) must cover the same hours. --count-mode defaults to pedestrian on the\n"
        "      walking network, vehicle on the road network. GEH.csv: segment_id,direction,count,\n"
        "      prior_volume,prior_geh,volume,geh. --period stores the estimate in the project.\n"
        "      Network options:\n") +
    kProjectNetworkUsage +
    std::string(
        "  trip-ends --project P --from T --to T --out ENDS.csv [--zones mesh:LEVEL | polygons:FILE:FIELD\n"
        "            | stations:RADIUS_M | points:FILE.csv] [--no-stays] [--no-stations] [--balance]\n"
        "      Productions/attractions per zone from hourly stay-population changes and station\n"
        "      boardings/alightings over hours T..T (ISO, e.g. 2025-04-01T07:00+09:00). Zones\n"
        "      default to mesh:500m.\n"
        "  import    --project P --period NAME --in PATH [--format csv|omx|omx-folder]\n"
        "            [--matrix NAME] [--lookup NAME]\n"
        "  export    --project P --period NAME --out PATH [--format csv|omx|omx-folder]\n"
        "            [--matrix NAME]\n"
        "  list      --project P\n"
        "      OD matrices in the project table od_matrices (by period). Formats: csv, the long\n"
        "      format origin,destination,trips; omx, an OpenMatrix 0.2 file (HDF5: /data/NAME\n"
        "      float64, /lookup/zone_id, SHAPE and OMX_VERSION; import reads any numeric type,\n"
        "      --matrix defaults to trips or the only matrix, --lookup to the only lookup or\n"
        "      zone_id/zone/zones/taz, without a lookup the zones are 1..n); omx-folder, the older\n"
        "      plain-file layout (metadata.json, zones.csv, NAME.csv). --format defaults from the\n"
        "      path: *.csv csv, *.omx/*.h5/*.hdf5 omx, on import any other HDF5 file omx, else\n"
        "      omx-folder.\n"
        "Progress on stderr; Ctrl-C cancels (exit 130). Exit codes: 2 usage, 3 I/O, 4 parse,\n"
        "5 validation, 6 store, 10 GDAL, 12 model (e.g. trip ends that cannot be balanced).");
const char* kUsage = kUsageText.c_str();

double number(const Args& args, const std::string& name, double fallback) {
  const auto v = args.value(name);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || !std::isfinite(d))
    throw Error(ErrorCode::Usage, "bad --" + name, ErrorContext{"", std::nullopt, std::nullopt, name, "a number", *v});
  return d;
}

void noPositionals(const Args& args) {
  if (args.positionals().size() > 0)
    throw Error(ErrorCode::Usage, "unexpected argument",
                ErrorContext{"", std::nullopt, std::nullopt, "", "options only", args.positionals()[0]});
}

demand::FurnessOptions furnessOptions(const Args& args) {
  demand::FurnessOptions o;
  o.tolerance = number(args, "tolerance", 1e-8);
  o.maxIterations = static_cast<int>(number(args, "max-iter", 1000));
  return o;
}

void printFurness(const demand::FurnessResult& r) {
  std::printf("furness: %s after %d iterations, max relative error %.3e\n", r.converged ? "converged" : "not converged",
              r.iterations, r.maxRelativeError);
  std::printf("convergence history (max relative row/column error):");
  for (std::size_t k = 0; k < r.history.size(); ++k)
    if (k < 10 || k + 3 >= r.history.size() || (k + 1) % 10 == 0) std::printf(" %zu:%.2e", k + 1, r.history[k]);
  std::printf("\n");
}

demand::TripEndTable tripEndsFor(const Args& args, const std::vector<std::string>& zones) {
  auto te = demand::alignTripEnds(demand::readTripEndsCsv(args.required("trip-ends")), zones);
  if (args.flag("balance")) {
    const double p = std::accumulate(te.productions.begin(), te.productions.end(), 0.0);
    const double a = std::accumulate(te.attractions.begin(), te.attractions.end(), 0.0);
    if (!(a > 0)) throw Error(ErrorCode::Model, "cannot balance trip ends: there are no attractions");
    for (auto& v : te.attractions) v *= p / a;
  }
  return te;
}

void saveIfAsked(const Args& args, const demand::NamedOdMatrix& od) {
  if (!args.value("project")) return;
  auto project = store::Project::open(*args.value("project"));
  demand::saveOdMatrix(project, args.required("period"), od);
  std::printf("saved period '%s' in %s\n", args.required("period").c_str(), project.path().c_str());
}

demand::Deterrence deterrenceFor(const Args& args) {
  demand::Deterrence det;
  det.kind = demand::deterrenceKindFromName(args.value("deterrence").value_or("exp"));
  det.alpha = number(args, "alpha", det.kind == demand::DeterrenceKind::Power ? 2.0 : 0.0);
  det.beta = number(args, "beta", 0.1);
  return det;
}

core::HourKey hourArg(const Args& args, const std::string& name);
int runProjectGravity(const Args& args);

int runGravity(const Args& args) {
  if (!args.value("cost") && args.value("project")) return runProjectGravity(args);
  args.checkKnown({"cost", "cost-column", "trip-ends", "out", "deterrence", "alpha", "beta", "mean-cost", "tld",
                   "balance", "tolerance", "max-iter", "project", "period", "quiet"});
  const auto cost = demand::readCostCsv(args.required("cost"), args.value("cost-column").value_or("cost"));
  const auto te = tripEndsFor(args, cost.zoneIds);
  demand::Deterrence det = deterrenceFor(args);
  const auto opt = furnessOptions(args);
  TerminalFeedback fb("gravity", args.flag("quiet"));
  demand::NamedOdMatrix out{cost.zoneIds, {}};
  if (args.value("mean-cost") || args.value("tld")) {
    demand::CalibrationResult c;
    if (args.value("mean-cost")) {
      det.setDecayParameter(0);
      c = demand::calibrateToMeanCost(cost.matrix, te.productions, te.attractions, number(args, "mean-cost", 0), det, opt, fb);
    } else {
      std::vector<double> edges, obs;
      io::TextInput in(*args.value("tld"));
      io::CsvReader csv(in);
      csv.next();
      while (csv.next()) {
        if (csv.size() < 3) throw core::ParseError("expected lower,upper,trips", ErrorContext{csv.path(), csv.line(), std::nullopt, "", "3 fields", std::to_string(csv.size())});
        const double lo = std::stod(std::string(csv[0])), hi = std::stod(std::string(csv[1]));
        if (edges.empty()) edges.push_back(lo);
        else if (std::abs(edges.back() - lo) > 1e-12) throw core::ValidationError("bins must be contiguous", ErrorContext{csv.path(), csv.line(), std::nullopt, "lower", std::to_string(edges.back()), std::string(csv[0])});
        edges.push_back(hi);
        obs.push_back(std::stod(std::string(csv[2])));
      }
      const double upper = det.kind == demand::DeterrenceKind::Power ? 10.0 : 20.0 / std::max(1e-9, edges.back() * 0.5);
      c = demand::calibrateToDistribution(cost.matrix, te.productions, te.attractions, edges, obs, det, 0.0, upper, opt, fb);
    }
    fb.finish();
    std::printf("calibrated %s: %s, modelled mean cost %.6g%s in %d gravity runs\n",
                args.value("mean-cost") ? "to the mean cost" : "to the trip-length distribution",
                c.deterrence.describe().c_str(), c.modelledMeanCost,
                args.value("mean-cost") ? (" (target " + std::to_string(c.targetMeanCost) + ")").c_str() : "", c.iterations);
    printFurness(c.result);
    out.matrix = c.result.trips;
  } else {
    const auto r = demand::gravity(cost.matrix, te.productions, te.attractions, det, opt, fb);
    fb.finish();
    std::printf("gravity %s: mean cost %.6g, %.3f trips\n", det.describe().c_str(), demand::meanTripCost(r.trips, cost.matrix),
                r.trips.total());
    printFurness(r);
    out.matrix = r.trips;
  }
  demand::writeOdCsv(args.required("out"), out);
  std::printf("OD matrix: %s\n", args.required("out").c_str());
  saveIfAsked(args, out);
  return 0;
}

int runFurness(const Args& args) {
  args.checkKnown({"seed", "trip-ends", "out", "balance", "tolerance", "max-iter", "project", "period", "quiet"});
  const auto seed = demand::readOdCsv(args.required("seed"));
  const auto te = tripEndsFor(args, seed.zoneIds);
  TerminalFeedback fb("furness", args.flag("quiet"));
  const auto r = demand::furness(seed.matrix, te.productions, te.attractions, furnessOptions(args), fb);
  fb.finish();
  printFurness(r);
  const demand::NamedOdMatrix out{seed.zoneIds, r.trips};
  demand::writeOdCsv(args.required("out"), out);
  std::printf("OD matrix: %s (%.3f trips)\n", args.required("out").c_str(), r.trips.total());
  saveIfAsked(args, out);
  return 0;
}

// od gravity --project: trip ends of the project's hours and free-flow times on its street
// network (the Demand dock's gravity model, the same pipeline phases).
int runProjectGravity(const Args& args) {
  std::set<std::string> known = projectNetworkOptions();
  known.erase("od");
  for (const char* k : {"from", "to", "out", "deterrence", "alpha", "beta", "mean-cost", "tolerance", "max-iter",
                        "no-stays", "no-stations", "period", "quiet"})
    known.insert(k);
  args.checkKnown(known);
  const bool quiet = args.flag("quiet");
  auto options = projectDemandOptions(args);
  auto& ends = options.od.tripEnds;
  ends.from = hourArg(args, "from");
  ends.to = hourArg(args, "to");
  ends.useStays = !args.flag("no-stays");
  ends.useStations = !args.flag("no-stations");
  auto& g = options.od.gravity;
  g.deterrence = deterrenceFor(args);
  if (args.value("mean-cost")) g.targetMeanMinutes = number(args, "mean-cost", 0);
  g.furnessTolerance = number(args, "tolerance", g.furnessTolerance);
  g.furnessMaxIterations = static_cast<int>(number(args, "max-iter", g.furnessMaxIterations));
  const std::string out = args.required("out");
  const auto project = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  const auto net = buildProjectNetwork(project, options, quiet);
  TerminalFeedback fb("gravity", quiet);
  const auto minutes = demand::freeFlowMinutes(net.network.zoned.network, options.assign.assignment.weights, fb);
  const auto tripEnds = demand::projectTripEnds(project, net.network.zones, ends, fb);
  const auto r = demand::gravityOd(minutes, net.network.zones, tripEnds, net.zoneConnected, g, fb);
  fb.finish();
  std::printf("%s: mean free-flow trip time %.6g min, %.3f trips%s\n", r.description.c_str(),
              demand::meanTripCost(r.od.matrix, minutes), r.od.matrix.total(),
              r.calibrationRuns ? (" (" + std::to_string(r.calibrationRuns) + " gravity runs)").c_str() : "");
  printFurness(r.furness);
  demand::writeOdCsv(out, r.od);
  std::printf("OD matrix: %s\n", out.c_str());
  if (const auto period = args.value("period")) {
    auto writable = store::Project::open(args.required("project"));
    demand::saveOdMatrix(writable, *period, r.od);
    std::printf("saved period '%s' in %s\n", period->c_str(), writable.path().c_str());
  }
  return 0;
}

core::HourKey hourArg(const Args& args, const std::string& name) {
  const auto s = args.required(name);
  const auto k = core::parseIsoDateTimeToHourKey(s);
  if (!k)
    throw Error(ErrorCode::Usage, "bad --" + name,
                ErrorContext{"", std::nullopt, std::nullopt, name,
                             "an ISO date-time on the hour, e.g. 2025-04-01T07:00+09:00", s});
  return *k;
}

demand::MatrixEstimationOptions estimationOptions(const Args& args) {
  demand::MatrixEstimationOptions opt;
  opt.outerIterations = static_cast<int>(number(args, "outer", 5));
  opt.innerIterations = static_cast<int>(number(args, "inner", 50));
  opt.regularization = number(args, "rho", 0);
  opt.assignment.relativeGap = number(args, "gap", 1e-5);
  opt.assignment.maxIterations = static_cast<int>(number(args, "max-iter", 1000));
  opt.assignment.threads = static_cast<int>(number(args, "threads", 0));
  return opt;
}

demand::MatrixEstimationResult runEstimation(const Args& args, const demand::Network& net,
                                             const demand::OdMatrix& prior,
                                             const std::vector<demand::LinkCount>& counts,
                                             const demand::MatrixEstimationOptions& opt) {
  TerminalFeedback fb("estimating", args.flag("quiet"));
  fb.setLogHandler([&](core::LogLevel level, const std::string& m) {
    if (level != core::LogLevel::Info)
      std::fprintf(stderr, "warning: %s\n", m.c_str());
    else if (m.rfind("iteration ", 0) != 0 && !args.flag("quiet"))
      std::printf("%s\n", m.c_str()), std::fflush(stdout);
  });
  auto r = demand::estimateMatrix(net, prior, counts, opt, fb);
  fb.finish();
  double gb = 0, ga = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) gb += r.before[k].geh, ga += r.after[k].geh;
  std::printf(
      "counted links %zu: GEH < 5 share %.1f%% -> %.1f%%, mean GEH %.3f -> %.3f; trips %.3f -> %.3f\n",
      counts.size(), 100 * r.shareGehBelow5Before, 100 * r.shareGehBelow5After, gb / counts.size(),
      ga / counts.size(), prior.total(), r.matrix.total());
  return r;
}

std::ofstream openTable(const std::string& path) {
  std::ofstream f(path);
  if (!f) throw core::IoError("cannot write", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  f.precision(10);
  return f;
}

// od estimate --project: the project's street network, the prior from --od, counts from
// segment_counts summed over --from..--to and matched by segment_id.
int runProjectEstimate(const Args& args) {
  std::set<std::string> known = projectNetworkOptions();
  for (const char* k : {"from", "to", "count-mode", "out", "geh", "outer", "inner", "rho", "gap", "max-iter",
                        "threads", "period", "quiet"})
    known.insert(k);
  args.checkKnown(known);
  const bool quiet = args.flag("quiet");
  const auto from = hourArg(args, "from"), to = hourArg(args, "to");
  if (to < from)
    throw Error(ErrorCode::Usage, "--to before --from",
                ErrorContext{"", std::nullopt, std::nullopt, "to", "an hour >= --from", args.required("to")});
  const auto pn = loadProjectNetwork(args, quiet);
  const std::string modeName =
      args.value("count-mode").value_or(pn.mode == "road" ? "vehicle" : "pedestrian");
  store::TravelMode mode;
  if (modeName == "pedestrian")
    mode = store::TravelMode::Pedestrian;
  else if (modeName == "bicycle")
    mode = store::TravelMode::Bicycle;
  else if (modeName == "vehicle")
    mode = store::TravelMode::Vehicle;
  else
    throw Error(ErrorCode::Usage, "bad --count-mode",
                ErrorContext{"", std::nullopt, std::nullopt, "count-mode", "pedestrian, bicycle or vehicle",
                             modeName});
  const auto project = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  const auto totals = demand::segmentCountTotals(project, from, to, mode);
  for (const auto& i : totals.incomplete)
    std::fprintf(stderr, "warning: counts skipped, incomplete: %s\n", i.c_str());
  std::vector<std::string> unmatched;
  const auto matched = demand::matchCountsToLinks(pn.network.zoned, totals.totals, &unmatched);
  for (const auto& u : unmatched)
    std::fprintf(stderr, "warning: counts skipped, segment not in the network: %s\n", u.c_str());
  std::printf(
      "counts: %zu segment directions with %s counts in all %d hours %s .. %s (%zu incomplete, %zu not in "
      "the network)\n",
      matched.size(), modeName.c_str(), totals.hoursInRange, core::formatHourKeyJst(from).c_str(),
      core::formatHourKeyJst(to).c_str(), totals.incomplete.size(), unmatched.size());
  if (matched.empty())
    throw core::ValidationError(
        "no usable counts",
        ErrorContext{args.required("project"), std::nullopt, std::nullopt, "segment_counts",
                     "complete counts of network segments", "none in the range"});
  std::vector<demand::LinkCount> counts;
  for (const auto& m : matched) counts.push_back(m.count);
  const auto r = runEstimation(args, pn.network.zoned.network, pn.demand, counts, estimationOptions(args));
  if (const auto g = args.value("geh")) {
    auto f = openTable(*g);
    f << "segment_id,direction,count,prior_volume,prior_geh,volume,geh\n";
    for (std::size_t k = 0; k < matched.size(); ++k)
      f << matched[k].total.segmentId << ',' << store::directionName(matched[k].total.direction) << ','
        << counts[k].count << ',' << r.before[k].modelled << ',' << r.before[k].geh << ','
        << r.after[k].modelled << ',' << r.after[k].geh << '\n';
    std::printf("GEH table: %s\n", g->c_str());
  }
  const demand::NamedOdMatrix out{pn.network.zones.ids(), r.matrix};
  demand::writeOdCsv(args.required("out"), out);
  std::printf("OD matrix: %s\n", args.required("out").c_str());
  if (const auto period = args.value("period")) {
    auto writable = store::Project::open(args.required("project"));
    demand::saveOdMatrix(writable, *period, out);
    std::printf("saved period '%s' in %s\n", period->c_str(), writable.path().c_str());
  }
  return 0;
}

int runEstimate(const Args& args) {
  if (args.value("project") && !args.value("tntp-net")) return runProjectEstimate(args);
  args.checkKnown({"tntp-net", "tntp-trips", "prior", "counts", "out", "geh", "outer", "inner", "rho", "gap",
                   "max-iter", "threads", "project", "period", "quiet"});
  const auto tntp = demand::readTntpNetwork(args.required("tntp-net"));
  const auto net = demand::Network::fromTntp(tntp);
  std::vector<std::string> zones;
  for (int z = 1; z <= net.zoneCount(); ++z) zones.push_back(std::to_string(z));
  demand::OdMatrix prior;
  if (args.value("tntp-trips")) prior = demand::OdMatrix::fromTntp(demand::readTntpTrips(*args.value("tntp-trips")));
  else if (args.value("prior")) prior = demand::readOdCsv(*args.value("prior"), "trips", zones).matrix;
  else throw Error(ErrorCode::Usage, "estimate needs --tntp-trips or --prior");
  std::vector<demand::LinkCount> counts;
  {
    const std::string path = args.required("counts");
    io::TextInput in(path);
    io::CsvReader csv(in);
    csv.next();
    while (csv.next()) {
      if (csv.size() < 3) throw core::ParseError("expected init_node,term_node,count", ErrorContext{path, csv.line(), std::nullopt, "", "3 fields", std::to_string(csv.size())});
      const int i = std::atoi(std::string(csv[0]).c_str()), j = std::atoi(std::string(csv[1]).c_str());
      const int a = net.findLink(i - 1, j - 1);
      if (a < 0) throw core::ValidationError("no such link in the network", ErrorContext{path, csv.line(), std::nullopt, "init_node,term_node", "a link of NET", std::string(csv[0]) + "," + std::string(csv[1])});
      char* end = nullptr;
      const std::string s(csv[2]);
      const double c = std::strtod(s.c_str(), &end);
      if (s.empty() || *end) throw core::ParseError("not a number", ErrorContext{path, csv.line(), std::nullopt, "count", "a number", s});
      counts.push_back({a, c});
    }
  }
  auto opt = estimationOptions(args);
  opt.assignment.weights = demand::costWeightsFromTntp(tntp);  // <TOLL FACTOR>/<DISTANCE FACTOR>
  const auto r = runEstimation(args, net, prior, counts, opt);
  if (const auto g = args.value("geh")) {
    auto f = openTable(*g);
    f << "init_node,term_node,count,prior_volume,prior_geh,volume,geh\n";
    for (std::size_t k = 0; k < counts.size(); ++k) {
      const auto& l = net.link(counts[k].link);
      f << l.from + 1 << ',' << l.to + 1 << ',' << counts[k].count << ',' << r.before[k].modelled << ',' << r.before[k].geh
        << ',' << r.after[k].modelled << ',' << r.after[k].geh << '\n';
    }
    std::printf("GEH table: %s\n", g->c_str());
  }
  const demand::NamedOdMatrix out{zones, r.matrix};
  demand::writeOdCsv(args.required("out"), out);
  std::printf("OD matrix: %s\n", args.required("out").c_str());
  saveIfAsked(args, out);
  return 0;
}

int runTripEnds(const Args& args) {
  args.checkKnown({"project", "from", "to", "out", "zones", "no-stays", "no-stations", "balance", "quiet"});
  const auto project = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  const auto from = hourArg(args, "from"), to = hourArg(args, "to");
  const auto zones = demand::projectZones(project, demand::zoneOptionsFromSpec(args.value("zones").value_or("mesh:500m")));
  demand::TripEndOptions ends;
  ends.from = from;
  ends.to = to;
  ends.useStays = !args.flag("no-stays");
  ends.useStations = !args.flag("no-stations");
  TerminalFeedback fb("trip ends", args.flag("quiet"));
  auto te = demand::projectTripEnds(project, zones, ends, fb);
  fb.finish();
  std::printf("%zu zones; productions %.3f, attractions %.3f; coverage %.2f%% (%zu values used, %zu missing)\n",
              zones.zones.size(), te.totalProductions(), te.totalAttractions(), 100 * te.coverage(), te.used, te.missing);
  if (args.flag("balance")) {
    te.balanceAttractionsToProductions();
    std::printf("attractions scaled to the productions' total\n");
  }
  demand::writeTripEndsCsv(args.required("out"), {zones.ids(), te.productions, te.attractions});
  std::printf("trip ends: %s\n", args.required("out").c_str());
  return 0;
}

std::string formatOf(const Args& args, const std::string& path, bool importing) {
  if (const auto f = args.value("format")) {
    if (*f != "csv" && *f != "omx" && *f != "omx-folder")
      throw Error(ErrorCode::Usage, "bad --format",
                  ErrorContext{"", std::nullopt, std::nullopt, "format", "csv, omx or omx-folder", *f});
    return *f;
  }
  const auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv") return "csv";
  if (ext == ".omx" || ext == ".h5" || ext == ".hdf5") return "omx";
  if (importing && demand::isHdf5File(path)) return "omx";
  return "omx-folder";
}

int runImport(const Args& args) {
  args.checkKnown({"project", "period", "in", "format", "matrix", "lookup"});
  const auto path = args.required("in");
  const auto format = formatOf(args, path, true);
  if (format != "omx" && args.value("lookup"))
    throw Error(ErrorCode::Usage, "--lookup is for --format omx", ErrorContext{"", std::nullopt, std::nullopt, "lookup", "", format});
  if (format == "csv" && args.value("matrix"))
    throw Error(ErrorCode::Usage, "--matrix is for omx and omx-folder", ErrorContext{"", std::nullopt, std::nullopt, "matrix", "", format});
  demand::NamedOdMatrix od;
  if (format == "csv") {
    od = demand::readOdCsv(path);
  } else if (format == "omx") {
    demand::OmxReadOptions opt;
    opt.matrix = args.value("matrix").value_or("");
    opt.lookup = args.value("lookup").value_or("");
    od = demand::readOmx(path, opt);
  } else {
    od = demand::readOmxFolder(path, args.value("matrix").value_or("trips"));
  }
  auto project = store::Project::open(args.required("project"));
  demand::saveOdMatrix(project, args.required("period"), od);
  std::printf("imported %zu zones, %.6f trips into period '%s'\n", od.zoneIds.size(), od.matrix.total(),
              args.required("period").c_str());
  return 0;
}

int runExport(const Args& args) {
  args.checkKnown({"project", "period", "out", "format", "matrix"});
  const auto project = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  const auto od = demand::loadOdMatrix(project, args.required("period"));
  const auto path = args.required("out");
  const auto format = formatOf(args, path, false);
  const std::string matrix = args.value("matrix").value_or("trips");
  if (format == "csv" && args.value("matrix"))
    throw Error(ErrorCode::Usage, "--matrix is for omx and omx-folder", ErrorContext{"", std::nullopt, std::nullopt, "matrix", "", format});
  if (format == "csv") demand::writeOdCsv(path, od);
  else if (format == "omx") demand::writeOmx(path, od.zoneIds, {{matrix, od.matrix}}, {{"period", args.required("period")}});
  else demand::writeOmxFolder(path, od.zoneIds, {{matrix, od.matrix}}, {{"period", args.required("period")}});
  std::printf("exported %zu zones, %.6f trips to %s (%s)\n", od.zoneIds.size(), od.matrix.total(), path.c_str(),
              format.c_str());
  return 0;
}

int runList(const Args& args) {
  args.checkKnown({"project"});
  const auto project = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  for (const auto& p : demand::odPeriods(project)) {
    const auto od = demand::loadOdMatrix(project, p);
    std::printf("%s\t%zu zones\t%.6f trips\n", p.c_str(), od.zoneIds.size(), od.matrix.total());
  }
  return 0;
}

int runOd(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error(ErrorCode::Usage, std::string("missing sub-command\n") + kUsage);
  const std::string sub = argv[0];
  std::set<std::string> flags = projectNetworkFlags();
  flags.insert({"quiet", "balance", "no-stays", "no-stations"});
  const Args args(std::vector<std::string>(argv.begin() + 1, argv.end()), flags);
  noPositionals(args);
  if (sub == "gravity") return runGravity(args);
  if (sub == "furness") return runFurness(args);
  if (sub == "estimate") return runEstimate(args);
  if (sub == "trip-ends") return runTripEnds(args);
  if (sub == "import") return runImport(args);
  if (sub == "export") return runExport(args);
  if (sub == "list") return runList(args);
  throw Error(ErrorCode::Usage, "unknown od sub-command",
              ErrorContext{"", std::nullopt, std::nullopt, "", "gravity, furness, estimate, trip-ends, import, export, list", sub});
}

const CommandRegistrar kRegistrar{Command{
    "od", "OD matrices: trip ends, gravity/Furness, estimation from counts, import/export", kUsage, runOd}};

}  // namespace
}  // namespace ekm::cli
