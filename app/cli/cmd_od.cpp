// ekimachi-cli od: trip ends, gravity/Furness distribution, matrix estimation from
// counts, OD matrix import/export (CSV, OpenMatrix/OMX HDF5 files, the older OMX-style
// folder, project store). Thin callers of the demand operations (ekm/demand/ops/):
// trip-ends, od-gravity, od-furness, od-estimate, od-import, od-export; `--period` stores
// a computed matrix as od-import does.
#include <cstdio>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/demand/ops/od_estimate_op.h"
#include "ekm/demand/ops/od_furness_op.h"
#include "ekm/demand/ops/od_gravity_op.h"
#include "ekm/demand/ops/od_io_op.h"
#include "ekm/demand/ops/trip_ends_op.h"
#include "ekm/store/project.h"
#include "op_args.h"
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
        "      (`assign --project --from T --to T` assigns this model's OD without storing it.)\n"
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

const CliExtras kStoreExtras{.options = {"period"}};

void requireOut(const std::string& out) {
  if (out.empty()) throw Error(ErrorCode::Usage, "missing required option --out");
}

void printFurness(const demand::FurnessResult& r) {
  std::printf("furness: %s after %d iterations, max relative error %.3e\n", r.converged ? "converged" : "not converged",
              r.iterations, r.maxRelativeError);
  std::printf("convergence history (max relative row/column error):");
  for (std::size_t k = 0; k < r.history.size(); ++k)
    if (k < 10 || k + 3 >= r.history.size() || (k + 1) % 10 == 0) std::printf(" %zu:%.2e", k + 1, r.history[k]);
  std::printf("\n");
}

// --period NAME stores the matrix in the project. Made from files, a matrix is stored
// only with --project, which then needs --period; made on the project, with --period.
template <class Args>
void storeIfAsked(Args& args, const demand::NamedOdMatrix& od, bool madeOnProject) {
  if (!args.session.hasProject()) return;
  const auto period = args.options.find("period");
  if (period == args.options.end()) {
    if (madeOnProject) return;
    throw Error(ErrorCode::Usage, "missing required option --period");
  }
  demand::storeOdPeriod(args.session, period->second, od);
  std::printf("saved period '%s' in %s\n", period->second.c_str(), args.session.projectPath().c_str());
}

int runGravity(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::OdGravityOp>(argv, kStoreExtras);
  requireOut(args.params.out);
  demand::OdGravityOutcome r;
  {
    TerminalFeedback fb("gravity", args.quiet);
    demand::OdGravityHooks hooks;
    hooks.streets = printStreetsWhenReady(fb);
    r = demand::OdGravityOp::run(args.session, args.params, fb, hooks);
    fb.finish();
  }
  if (r.onProject) {
    std::printf("%s: mean free-flow trip time %.6g min, %.3f trips%s\n", r.description.c_str(), r.meanCost,
                r.od.matrix.total(),
                r.calibrationRuns ? (" (" + std::to_string(r.calibrationRuns) + " gravity runs)").c_str() : "");
  } else if (!r.calibration.empty()) {
    const bool mean = r.calibration == "mean-cost";
    std::printf("calibrated %s: %s, modelled mean cost %.6g%s in %d gravity runs\n",
                mean ? "to the mean cost" : "to the trip-length distribution", r.deterrence.describe().c_str(),
                r.modelledMeanCost, mean ? (" (target " + std::to_string(r.targetMeanCost) + ")").c_str() : "",
                r.calibrationRuns);
  } else {
    std::printf("gravity %s: mean cost %.6g, %.3f trips\n", r.deterrence.describe().c_str(), r.meanCost,
                r.od.matrix.total());
  }
  printFurness(r.furness);
  std::printf("OD matrix: %s\n", r.outPath.c_str());
  storeIfAsked(args, r.od, r.onProject);
  return 0;
}

int runFurness(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::OdFurnessOp>(argv, kStoreExtras);
  requireOut(args.params.out);
  demand::OdFurnessOutcome r;
  {
    TerminalFeedback fb("furness", args.quiet);
    r = demand::OdFurnessOp::run(args.session, args.params, fb);
    fb.finish();
  }
  printFurness(r.furness);
  std::printf("OD matrix: %s (%.3f trips)\n", r.outPath.c_str(), r.od.matrix.total());
  storeIfAsked(args, r.od, false);
  return 0;
}

int runEstimate(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::OdEstimateOp>(argv, kStoreExtras);
  requireOut(args.params.out);
  const bool quiet = args.quiet;
  demand::OdEstimateOutcome r;
  {
    TerminalFeedback fb("estimating", quiet);
    fb.setLogHandler([quiet](core::LogLevel level, const std::string& m) {
      if (level != core::LogLevel::Info)
        std::fprintf(stderr, "warning: %s\n", m.c_str());
      else if (m.rfind("iteration ", 0) != 0 && !quiet)
        std::printf("%s\n", m.c_str()), std::fflush(stdout);
    });
    demand::OdEstimateHooks hooks;
    hooks.streets = printStreetsWhenReady(fb);
    hooks.ready = [&](const demand::OdEstimateOutcome& o) {
      fb.finish();
      if (!o.onProject) return;
      printProjectOd(o.project);
      std::printf(
          "counts: %zu segment directions with %s counts in all %d hours %s .. %s (%zu incomplete, %zu not in "
          "the network)\n",
          o.matched.size(), o.countMode.c_str(), o.hoursInRange, core::formatHourKeyJst(o.from).c_str(),
          core::formatHourKeyJst(o.to).c_str(), o.incomplete.size(), o.unmatched.size());
      std::fflush(stdout);
    };
    r = demand::OdEstimateOp::run(args.session, args.params, fb, hooks);
    fb.finish();
  }
  const auto& e = r.estimation;
  std::printf("counted links %zu: GEH < 5 share %.1f%% -> %.1f%%, mean GEH %.3f -> %.3f; trips %.3f -> %.3f\n",
              r.counts.size(), 100 * e.shareGehBelow5Before, 100 * e.shareGehBelow5After, r.meanGehBefore(),
              r.meanGehAfter(), r.priorTrips, r.od.matrix.total());
  if (!r.gehPath.empty()) std::printf("GEH table: %s\n", r.gehPath.c_str());
  std::printf("OD matrix: %s\n", r.outPath.c_str());
  storeIfAsked(args, r.od, r.onProject);
  return 0;
}

int runTripEnds(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::TripEndsOp>(argv);
  requireOut(args.params.out);
  demand::TripEndsOutcome r;
  {
    TerminalFeedback fb("trip ends", args.quiet);
    r = demand::TripEndsOp::run(args.session, args.params, fb);
    fb.finish();
  }
  const auto& te = r.ends;
  std::printf("%zu zones; productions %.3f, attractions %.3f; coverage %.2f%% (%zu values used, %zu missing)\n",
              r.zones.zones.size(), te.totalProductions(), te.totalAttractions(), 100 * te.coverage(), te.used,
              te.missing);
  if (r.balanced) std::printf("attractions scaled to the productions' total\n");
  std::printf("trip ends: %s\n", r.outPath.c_str());
  return 0;
}

int runImport(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::OdImportOp>(argv);
  TerminalFeedback fb("import", true);
  const auto r = demand::OdImportOp::run(args.session, args.params, fb);
  std::printf("imported %zu zones, %.6f trips into period '%s'\n", r.od.zoneIds.size(), r.od.matrix.total(),
              r.period.c_str());
  return 0;
}

int runExport(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::OdExportOp>(argv);
  TerminalFeedback fb("export", true);
  const auto r = demand::OdExportOp::run(args.session, args.params, fb);
  std::printf("exported %zu zones, %.6f trips to %s (%s)\n", r.od.zoneIds.size(), r.od.matrix.total(), r.path.c_str(),
              r.format.c_str());
  return 0;
}

int runList(const std::vector<std::string>& argv) {
  const OpArgs args = parseOpArgs({}, argv);  // --project P
  const auto project = store::Project::open(args.session.projectPath(), store::OpenMode::ReadOnly);
  for (const auto& p : demand::odPeriods(project)) {
    const auto od = demand::loadOdMatrix(project, p);
    std::printf("%s\t%zu zones\t%.6f trips\n", p.c_str(), od.zoneIds.size(), od.matrix.total());
  }
  return 0;
}

int runOd(const std::vector<std::string>& argv) {
  if (argv.empty()) throw Error(ErrorCode::Usage, std::string("missing sub-command\n") + kUsage);
  const std::string sub = argv[0];
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  if (sub == "gravity") return runGravity(rest);
  if (sub == "furness") return runFurness(rest);
  if (sub == "estimate") return runEstimate(rest);
  if (sub == "trip-ends") return runTripEnds(rest);
  if (sub == "import") return runImport(rest);
  if (sub == "export") return runExport(rest);
  if (sub == "list") return runList(rest);
  throw Error(ErrorCode::Usage, "unknown od sub-command",
              ErrorContext{"", std::nullopt, std::nullopt, "", "gravity, furness, estimate, trip-ends, import, export, list", sub});
}

const CommandRegistrar kRegistrar{Command{
    "od", "OD matrices: trip ends, gravity/Furness, estimation from counts, import/export", kUsage, runOd}};

}  // namespace
}  // namespace ekm::cli
