// ekimachi-cli profile: totals and hour-of-day profiles of one cell, segment or station by
// day type, ISO week or month, and the linking views --catchment, --xcorr and --agreement.
// Each runs its operation (flow/profile_op.h, catchment_op.h, xcorr_op.h, agreement_op.h):
// the flags are read into that operation's Params, the view flag renamed to its field.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/format.h"
#include "op_args.h"
#include "profile_output.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using namespace ekm::flow;

const char* kUsage =
    "usage: ekimachi-cli profile --project FILE (--cell CODE|--segment ID|--station ID)\n"
    "                            [--by daytype|week|month] [--from DATE] [--to DATE]\n"
    "                            [--mode pedestrian|bicycle|vehicle] [--measure total|boardings|alightings]\n"
    "                            [--calendar japan|none+H] [--format csv|json]\n\n"
    "Hour-of-day profiles (mean per local hour over the present hours) and totals of one feature,\n"
    "grouped by day type (weekday, saturday, sunday_holiday with the Japanese holiday calendar\n"
    "incl. substitute holidays), ISO week (2025-W13) or month (2025-03). Dates are local (JST by\n"
    "default), inclusive. Missing hours are not counted as zero: each group reports the present\n"
    "and expected hours, the coverage, the sum of the present hours (total), and the mean daily\n"
    "total over complete days (all 24 hours present).\n"
    "CSV columns: group, hours_present, hours_expected, coverage, total, complete_days,\n"
    "mean_daily_total, h00..h23 (empty = no data).\n"
    "A zone: --cell A,B,C (or --segment/--station lists) sums the members; a coarser mesh code\n"
    "than the stored cells (e.g. the 1/2 mesh 533935961) sums the stored cells inside it. An\n"
    "hour counts as present when any member is; the member coverage is printed on stderr.\n"
    "Linking views (same options for the feature and dates):\n"
    "  --station ID --catchment METRES   the project's cells whose centre is within METRES\n"
    "                                    (geodesic, GRS80) of the station: cell, distance_m\n"
    "  --xcorr KIND:ID [--max-lag H]     lagged cross-correlation with another feature, e.g.\n"
    "                                    --station X --xcorr cell:53393547411 (lag_h, r, pairs;\n"
    "                                    r(lag) = corr(x(t), y(t+lag)), missing hours skipped)\n"
    "  --agreement KIND                  every feature's normalised daily pattern against the\n"
    "                                    median of the others; flagged if r < 0.8 or distance > 0.25\n"
    "Each is an operation of its own (profile, catchment, xcorr, agreement: 'ekimachi-cli ops\n"
    "schema NAME'); flags a view does not use are ignored. Exit codes: 0 ok, 2 usage, 5 unknown\n"
    "feature, 6 store, 130 cancelled.";

// A command flag that is a differently named field of the view's operation.
struct Rename {
  const char* flag;   // field name on the command line (--catchment)
  const char* field;  // the operation's field (radius)
};

// The command's flags: the profile operation's fields and the views' flags.
std::vector<ops::FieldInfo> commandFields() {
  auto fields = ops::fieldsOf<ProfileParams>();
  for (const auto& [name, kind] : {std::pair{"catchment", ops::FieldKind::Number},
                                   {"xcorr", ops::FieldKind::String},
                                   {"max_lag", ops::FieldKind::Integer},
                                   {"agreement", ops::FieldKind::String}}) {
    ops::FieldInfo f;
    f.name = name;
    f.kind = kind;
    fields.push_back(std::move(f));
  }
  return fields;
}

// `text` (a field name or an error text) with each renamed field shown as the flag the user gave.
std::string asFlag(std::string text, const std::vector<Rename>& renames) {
  for (const auto& r : renames) {
    const std::string from = ops::cliFlagName(r.field), to = ops::cliFlagName(r.flag);
    if (text == r.field) return to;
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  return text;
}

// The view's Params from the command's raw flag values: renamed flags take the field's
// name, flags the operation does not have are left out (ignored, as they always were).
// Errors name the flag the user gave.
template <class P>
P viewParams(const ops::Json& raw, const std::vector<Rename>& renames = {}) {
  const auto fields = ops::fieldsOf<P>();
  ops::Json j = ops::Json::object();
  for (const auto& [key, value] : raw.items()) {
    std::string name = key;
    for (const auto& r : renames)
      if (key == r.flag) name = r.field;
    for (const auto& f : fields)
      if (f.name == name) j[name] = value;
  }
  ops::ParamSource src;
  src.cliFlags = true;
  try {
    return ops::fromJson<P>(j, src);
  } catch (const ops::ParamError& e) {
    if (renames.empty()) throw;
    auto c = e.context();
    c.field = asFlag(c.field, renames);
    c.expected = asFlag(c.expected, renames);
    throw ops::ParamError(asFlag(e.message(), renames), c);
  }
}

ops::ParamError usage(const std::string& message, const char* flag) {
  return ops::ParamError(message, core::ErrorContext{"", std::nullopt, std::nullopt, flag, "", ""});
}

template <class Op>
typename Op::Result runOp(ops::Session& session, const typename Op::Params& params, const char* label, bool quiet) {
  TerminalFeedback fb(label, quiet);
  auto result = ops::run<Op>(session, params, fb);
  fb.finish();
  return result;
}

int runProfile(const std::vector<std::string>& argv) {
  auto args = parseOpArgs(commandFields(), argv, {.options = {"format"}});
  const std::string format = args.option("format", "csv");
  if (format != "csv" && format != "json") throw Error(ErrorCode::Usage, "bad --format (csv or json)");
  const ops::Json& raw = args.params;
  const bool catchment = raw.contains("catchment"), xcorr = raw.contains("xcorr"),
             agreement = raw.contains("agreement");
  if (catchment + xcorr + agreement > 1)
    throw usage("give at most one of --catchment, --xcorr, --agreement", catchment ? "--catchment" : "--xcorr");
  auto& session = args.session;
  if (catchment) {
    if (!raw.contains("station") || raw.contains("cell") || raw.contains("segment"))
      throw usage("--catchment needs --station", "--catchment");
    const auto params = viewParams<CatchmentParams>(raw, {{"catchment", "radius"}});
    session.projectPath();
    printCatchment(std::cout, runOp<CatchmentOp>(session, params, "link", args.quiet), format);
  } else if (xcorr) {
    const auto params = viewParams<XcorrParams>(raw, {{"xcorr", "with"}});
    session.projectPath();
    printXcorr(std::cout, runOp<XcorrOp>(session, params, "link", args.quiet), format);
  } else if (agreement) {
    if (raw.contains("cell") || raw.contains("segment") || raw.contains("station"))
      throw usage("--agreement compares all features of a kind: no feature", "--agreement");
    const auto params = viewParams<AgreementParams>(raw, {{"agreement", "kind"}});
    session.projectPath();
    printAgreement(std::cout, runOp<AgreementOp>(session, params, "link", args.quiet), format);
  } else {
    const auto params = viewParams<ProfileParams>(raw);
    session.projectPath();
    const ProfileResult r = runOp<ProfileOp>(session, params, "profile", args.quiet);
    if (r.coverage < 1.0)
      std::cerr << "note: " << formatNumber(100.0 * r.coverage, 1)
                << "% of the (member-)hours are present; missing hours are left out, never counted as 0\n";
    printProfile(std::cout, r, format);
  }
  return 0;
}

const CommandRegistrar kRegistrar{
    Command{"profile", "hour-of-day profiles and totals of a cell, segment or station by day type/week/month",
            kUsage, runProfile}};

}  // namespace
}  // namespace ekm::cli
