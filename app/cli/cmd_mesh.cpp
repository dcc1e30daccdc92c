// ekimachi-cli mesh: JIS X 0410 mesh codes (encode, decode, parent, children, neighbours).
#include <charconv>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/ops/params.h"
#include "op_args.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli mesh encode --level LEVEL LAT LON\n"
    "       ekimachi-cli mesh decode CODE\n"
    "       ekimachi-cli mesh parent --level LEVEL CODE\n"
    "       ekimachi-cli mesh children CODE\n"
    "       ekimachi-cli mesh neighbours CODE\n\n"
    "JIS X 0410 regional mesh codes. LEVEL is one of 1, 2, 3, 1/2, 1/4, 1/8\n"
    "(or 80km, 10km, 1km, 500m, 250m, 125m). LAT/LON in decimal degrees (JGD2011/WGS84).\n"
    "encode prints the code; decode prints JSON\n"
    "  {\"code\",\"level\",\"south\",\"west\",\"north\",\"east\",\"center\":{\"lat\",\"lon\"}};\n"
    "parent prints the code; children and neighbours print one code per line.\n"
    "Exit codes: 0 ok, 2 usage, 7 invalid mesh code or point outside the mesh domain.";

double parseDegrees(const std::string& text, const char* what) {
  double v = 0;
  const char* b = text.data();
  const char* e = b + text.size();
  if (!text.empty() && *b == '+') ++b;
  const auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || p != e || !std::isfinite(v)) {
    core::ErrorContext c;
    c.expected = "a decimal number of degrees";
    c.found = text;
    throw Error(ErrorCode::Usage, std::string("bad ") + what, c);
  }
  return v;
}

// The command's arguments, read by the CLI's one typed flag layer (op_args.h).
struct MeshParams {
  std::string command;
  std::optional<std::string> level;
  std::optional<std::string> a, b, c;

  template <class V>
  void fields(V& v) {
    v("command", command, {.help = "encode, decode, parent, children or neighbours", .required = true,
                           .positional = 0});
    v("a", a, {.help = "CODE, or LAT for encode", .positional = 1});
    v("b", b, {.help = "LON for encode", .positional = 2});
    v("c", c, {.help = "(none)", .positional = 3});
    v("level", level, {.help = "mesh level: 1, 2, 3, 1/2, 1/4, 1/8 (or 80km ... 125m)"});
  }
};

// The sub-command's positionals; Error(Usage) unless there are exactly `n` of them and
// --level is given exactly when `level` is true.
std::vector<std::string> operands(const MeshParams& p, std::size_t n, const char* what, bool level) {
  std::vector<std::string> out;
  for (const auto* v : {&p.a, &p.b, &p.c})
    if (*v) out.push_back(**v);
  if (out.size() != n) throw Error(ErrorCode::Usage, "mesh " + p.command + " takes " + what);
  if (level && !p.level) throw Error(ErrorCode::Usage, "missing required option --level");
  if (!level && p.level) throw Error(ErrorCode::Usage, "unknown option --level");
  return out;
}

int runMesh(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0].rfind("--", 0) == 0)
    throw Error(ErrorCode::Usage, "missing sub-command (encode, decode, parent, children or neighbours)");
  const auto args = parseArgsAs<MeshParams>(argv);
  if (args.session.hasProject()) throw Error(ErrorCode::Usage, "unknown option --project");
  const MeshParams& p = args.params;
  const std::string& sub = p.command;
  if (sub == "encode") {
    const auto o = operands(p, 2, "LAT LON", true);
    const mesh::MeshLevel level = mesh::levelFromName(*p.level);
    std::cout << mesh::encode(parseDegrees(o[0], "latitude"), parseDegrees(o[1], "longitude"), level) << "\n";
    return 0;
  }
  if (sub == "decode") {
    const mesh::MeshCell c = mesh::decode(operands(p, 1, "one CODE", false)[0]);
    nlohmann::ordered_json j;
    j["code"] = c.code;
    j["level"] = mesh::levelName(c.level);
    j["south"] = c.south;
    j["west"] = c.west;
    j["north"] = c.north;
    j["east"] = c.east;
    j["center"] = {{"lat", c.centerLat()}, {"lon", c.centerLon()}};
    std::cout << j.dump() << "\n";
    return 0;
  }
  if (sub == "parent") {
    const auto o = operands(p, 1, "one CODE", true);
    std::cout << mesh::parent(o[0], mesh::levelFromName(*p.level)) << "\n";
    return 0;
  }
  if (sub == "children" || sub == "neighbours" || sub == "neighbors") {
    const std::string code = operands(p, 1, "one CODE", false)[0];
    for (const auto& c : sub == "children" ? mesh::children(code) : mesh::neighbours(code)) std::cout << c << "\n";
    return 0;
  }
  core::ErrorContext c;
  c.expected = "encode, decode, parent, children or neighbours";
  c.found = sub;
  throw Error(ErrorCode::Usage, "unknown mesh sub-command", c);
}

const CommandRegistrar kRegistrar{Command{"mesh", "JIS X 0410 mesh codes: encode, decode, parent, children, neighbours",
                                          kUsage, runMesh}};

}  // namespace
}  // namespace ekm::cli
