// ekimachi-cli mesh: JIS X 0410 mesh codes (encode, decode, parent, children, neighbours).
#include <charconv>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/mesh/mesh_code.h"

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

void expectPositionals(const Args& args, std::size_t n, const char* what) {
  if (args.positionals().size() != n + 1)
    throw Error(ErrorCode::Usage, std::string("mesh ") + args.positionals()[0] + " takes " + what);
}

int runMesh(const std::vector<std::string>& argv) {
  const Args args(argv, {});
  if (args.positionals().empty())
    throw Error(ErrorCode::Usage, "missing sub-command (encode, decode, parent, children or neighbours)");
  const std::string& sub = args.positionals()[0];
  if (sub == "encode") {
    args.checkKnown({"level"});
    expectPositionals(args, 2, "LAT LON");
    const mesh::MeshLevel level = mesh::levelFromName(args.required("level"));
    const double lat = parseDegrees(args.positional(1, "LAT"), "latitude");
    const double lon = parseDegrees(args.positional(2, "LON"), "longitude");
    std::cout << mesh::encode(lat, lon, level) << "\n";
    return 0;
  }
  if (sub == "decode") {
    args.checkKnown({});
    expectPositionals(args, 1, "one CODE");
    const mesh::MeshCell c = mesh::decode(args.positional(1, "CODE"));
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
    args.checkKnown({"level"});
    expectPositionals(args, 1, "one CODE");
    std::cout << mesh::parent(args.positional(1, "CODE"), mesh::levelFromName(args.required("level"))) << "\n";
    return 0;
  }
  if (sub == "children" || sub == "neighbours" || sub == "neighbors") {
    args.checkKnown({});
    expectPositionals(args, 1, "one CODE");
    const std::string& code = args.positional(1, "CODE");
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
