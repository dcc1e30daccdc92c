#include "ekm/demand/tntp.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string_view>

#include "ekm/core/error.h"

namespace ekm::demand {
namespace {

using core::ErrorContext;
using core::ParseError;
using core::ValidationError;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ErrorContext c;
    c.file = path;
    throw core::IoError("cannot open TNTP file", c);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Line {
  std::string_view text;
  int number;
};

std::vector<Line> splitLines(const std::string& text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  int number = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view l(text.data() + start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back({l, number++});
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

bool isComment(std::string_view t) { return !t.empty() && t.front() == '~'; }

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

[[noreturn]] void parseFail(const std::string& file, int line, const std::string& field, const std::string& message,
                            const std::string& expected, std::string_view found) {
  ErrorContext c;
  c.file = file;
  c.line = line;
  c.field = field;
  c.expected = expected;
  c.found = std::string(found);
  throw ParseError(message, c);
}

[[noreturn]] void invalid(const std::string& file, int line, const std::string& field, const std::string& message,
                          const std::string& expected, const std::string& found) {
  ErrorContext c;
  c.file = file;
  if (line > 0) c.line = line;
  c.field = field;
  c.expected = expected;
  c.found = found;
  throw ValidationError(message, c);
}

double toDouble(std::string_view t, const std::string& file, int line, const std::string& field) {
  double v = 0;
  const char* b = t.data();
  const char* e = b + t.size();
  if (b != e && *b == '+') ++b;
  const auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || p != e || !std::isfinite(v)) parseFail(file, line, field, "not a number", "a number", t);
  return v;
}

int toInt(std::string_view t, const std::string& file, int line, const std::string& field) {
  const double v = toDouble(t, file, line, field);
  if (v != std::floor(v) || std::abs(v) > 2e9) parseFail(file, line, field, "not an integer", "an integer", t);
  return static_cast<int>(v);
}

// Reads the metadata block; returns the index of the first line after <END OF METADATA>.
std::size_t readMetadata(const std::vector<Line>& lines, const std::string& file,
                         std::map<std::string, std::string>& metadata, std::map<std::string, int>& tagLines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view t = trim(lines[i].text);
    if (t.empty() || isComment(t)) continue;
    if (t.front() != '<') parseFail(file, lines[i].number, "", "metadata line expected", "<TAG> value", t);
    const std::size_t close = t.find('>');
    if (close == std::string_view::npos) parseFail(file, lines[i].number, "", "unterminated metadata tag", "<TAG>", t);
    std::string tag(trim(t.substr(1, close - 1)));
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char ch) { return std::toupper(ch); });
    if (tag == "END OF METADATA") return i + 1;
    if (metadata.count(tag)) parseFail(file, lines[i].number, tag, "metadata tag repeated", "each tag once", t);
    metadata[tag] = std::string(trim(t.substr(close + 1)));
    tagLines[tag] = lines[i].number;
  }
  ErrorContext c;
  c.file = file;
  c.expected = "<END OF METADATA>";
  c.found = "end of file";
  throw ParseError("metadata block not closed", c);
}

int intTag(const std::map<std::string, std::string>& metadata, const std::map<std::string, int>& tagLines,
           const std::string& tag, const std::string& file, bool required, int fallback) {
  const auto it = metadata.find(tag);
  if (it == metadata.end()) {
    if (!required) return fallback;
    ErrorContext c;
    c.file = file;
    c.field = tag;
    c.expected = "<" + tag + "> in the metadata";
    c.found = "missing";
    throw ParseError("required metadata tag missing", c);
  }
  const auto toks = tokens(it->second);
  if (toks.empty()) parseFail(file, tagLines.at(tag), tag, "metadata value missing", "an integer", it->second);
  return toInt(toks.front(), file, tagLines.at(tag), tag);
}

// An optional non-negative number tag ("<TOLL FACTOR> 0.02").
std::optional<double> nonNegativeTag(const std::map<std::string, std::string>& metadata,
                                     const std::map<std::string, int>& tagLines, const std::string& tag,
                                     const std::string& file) {
  const auto it = metadata.find(tag);
  if (it == metadata.end()) return std::nullopt;
  const int line = tagLines.at(tag);
  const auto toks = tokens(it->second);
  if (toks.size() != 1) parseFail(file, line, tag, "metadata value malformed", "one number", it->second);
  const double v = toDouble(toks.front(), file, line, tag);
  if (v < 0) invalid(file, line, tag, "negative " + tag, ">= 0", it->second);
  return v;
}

// The part of a data line before its ';' terminator (or the whole line).
std::string_view record(std::string_view t) {
  const std::size_t semi = t.find(';');
  return semi == std::string_view::npos ? t : t.substr(0, semi);
}

std::string lowerNoSpace(std::string_view t) {
  std::string s;
  for (char ch : t)
    if (!std::isspace(static_cast<unsigned char>(ch))) s += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

double TntpTrips::total() const {
  double s = 0;
  for (double v : demand) s += v;
  return s;
}

TntpNetwork parseTntpNetwork(const std::string& text, const std::string& name) {
  TntpNetwork net;
  net.file = name;
  const auto lines = splitLines(text);
  std::map<std::string, int> tagLines;
  std::size_t i = readMetadata(lines, name, net.metadata, tagLines);
  net.zoneCount = intTag(net.metadata, tagLines, "NUMBER OF ZONES", name, true, 0);
  net.nodeCount = intTag(net.metadata, tagLines, "NUMBER OF NODES", name, true, 0);
  net.declaredLinkCount = intTag(net.metadata, tagLines, "NUMBER OF LINKS", name, true, 0);
  // The format's default when the tag is absent: every node may carry through traffic.
  net.firstThruNode = intTag(net.metadata, tagLines, "FIRST THRU NODE", name, false, 1);
  net.tollFactor = nonNegativeTag(net.metadata, tagLines, "TOLL FACTOR", name);
  net.distanceFactor = nonNegativeTag(net.metadata, tagLines, "DISTANCE FACTOR", name);
  if (net.nodeCount <= 0)
    invalid(name, tagLines["NUMBER OF NODES"], "NUMBER OF NODES", "no nodes", "a positive count",
            std::to_string(net.nodeCount));
  if (net.zoneCount < 0 || net.zoneCount > net.nodeCount)
    invalid(name, tagLines["NUMBER OF ZONES"], "NUMBER OF ZONES", "zone count out of range",
            "0.." + std::to_string(net.nodeCount), std::to_string(net.zoneCount));
  if (net.firstThruNode < 1 || net.firstThruNode > net.nodeCount + 1)
    invalid(name, tagLines.count("FIRST THRU NODE") ? tagLines["FIRST THRU NODE"] : 0, "FIRST THRU NODE",
            "first through node out of range", "1.." + std::to_string(net.nodeCount + 1),
            std::to_string(net.firstThruNode));

  static const char* kFields[] = {"init node", "term node", "capacity", "length", "free flow time",
                                  "b",         "power",     "speed",    "toll",   "link type"};
  for (; i < lines.size(); ++i) {
    const std::string_view t = trim(lines[i].text);
    if (t.empty() || isComment(t)) continue;
    const int ln = lines[i].number;
    const auto f = tokens(record(t));
    if (f.empty()) continue;
    if (f.size() != 10)
      parseFail(name, ln, "", "wrong number of link fields",
                "10 fields (init node, term node, capacity, length, free flow time, b, power, speed, toll, "
                "link type) and ';'",
                std::to_string(f.size()) + " fields");
    TntpLink l;
    l.line = ln;
    l.initNode = toInt(f[0], name, ln, kFields[0]);
    l.termNode = toInt(f[1], name, ln, kFields[1]);
    l.capacity = toDouble(f[2], name, ln, kFields[2]);
    l.length = toDouble(f[3], name, ln, kFields[3]);
    l.freeFlowTime = toDouble(f[4], name, ln, kFields[4]);
    l.b = toDouble(f[5], name, ln, kFields[5]);
    l.power = toDouble(f[6], name, ln, kFields[6]);
    l.speed = toDouble(f[7], name, ln, kFields[7]);
    l.toll = toDouble(f[8], name, ln, kFields[8]);
    l.linkType = toInt(f[9], name, ln, kFields[9]);
    const std::string range = "1.." + std::to_string(net.nodeCount);
    if (l.initNode < 1 || l.initNode > net.nodeCount)
      invalid(name, ln, kFields[0], "node out of range", range, std::to_string(l.initNode));
    if (l.termNode < 1 || l.termNode > net.nodeCount)
      invalid(name, ln, kFields[1], "node out of range", range, std::to_string(l.termNode));
    if (l.freeFlowTime < 0)
      invalid(name, ln, kFields[4], "negative free flow time", ">= 0", std::string(f[4]));
    if (l.b < 0) invalid(name, ln, kFields[5], "negative BPR b", ">= 0", std::string(f[5]));
    if (l.power < 0) invalid(name, ln, kFields[6], "negative BPR power", ">= 0", std::string(f[6]));
    if (l.length < 0) invalid(name, ln, kFields[3], "negative length", ">= 0", std::string(f[3]));
    if (l.b > 0 && l.freeFlowTime > 0 && !(l.capacity > 0))
      invalid(name, ln, kFields[2], "capacity must be positive on a congestible link", "> 0", std::string(f[2]));
    net.links.push_back(l);
  }
  if (static_cast<int>(net.links.size()) != net.declaredLinkCount)
    invalid(name, tagLines["NUMBER OF LINKS"], "NUMBER OF LINKS", "link count differs from the metadata",
            std::to_string(net.declaredLinkCount) + " links", std::to_string(net.links.size()) + " links");
  return net;
}

TntpTrips parseTntpTrips(const std::string& text, const std::string& name) {
  TntpTrips trips;
  trips.file = name;
  const auto lines = splitLines(text);
  std::map<std::string, int> tagLines;
  std::size_t i = readMetadata(lines, name, trips.metadata, tagLines);
  trips.zoneCount = intTag(trips.metadata, tagLines, "NUMBER OF ZONES", name, true, 0);
  if (trips.zoneCount <= 0)
    invalid(name, tagLines["NUMBER OF ZONES"], "NUMBER OF ZONES", "no zones", "a positive count",
            std::to_string(trips.zoneCount));
  bool haveTotal = false;
  if (const auto it = trips.metadata.find("TOTAL OD FLOW"); it != trips.metadata.end()) {
    const auto toks = tokens(it->second);
    if (toks.empty())
      parseFail(name, tagLines["TOTAL OD FLOW"], "TOTAL OD FLOW", "metadata value missing", "a number", "");
    trips.declaredTotal = toDouble(toks.front(), name, tagLines["TOTAL OD FLOW"], "TOTAL OD FLOW");
    haveTotal = true;
  }
  trips.demandMultiplier = nonNegativeTag(trips.metadata, tagLines, "DEMAND MULTIPLIER", name).value_or(1.0);
  const std::size_t n = static_cast<std::size_t>(trips.zoneCount);
  trips.demand.assign(n * n, 0.0);
  std::vector<char> seen(n * n, 0);
  std::vector<char> originSeen(n, 0);
  const std::string range = "1.." + std::to_string(trips.zoneCount);
  int origin = 0;
  for (; i < lines.size(); ++i) {
    std::string_view t = trim(lines[i].text);
    if (t.empty() || isComment(t)) continue;
    const int ln = lines[i].number;
    if (t.size() >= 6 && lowerNoSpace(t.substr(0, 6)) == "origin") {
      const auto f = tokens(t.substr(6));
      if (f.size() != 1) parseFail(name, ln, "origin", "origin line malformed", "Origin <zone>", t);
      origin = toInt(f[0], name, ln, "origin");
      if (origin < 1 || origin > trips.zoneCount) invalid(name, ln, "origin", "zone out of range", range, std::string(f[0]));
      if (originSeen[origin - 1]) invalid(name, ln, "origin", "origin block repeated", "each origin once", std::string(f[0]));
      originSeen[origin - 1] = 1;
      continue;
    }
    if (origin == 0) parseFail(name, ln, "", "OD entry before any origin", "Origin <zone>", t);
    // Entries "d : v;" possibly several on a line.
    while (!t.empty()) {
      const std::size_t semi = t.find(';');
      std::string_view entry = trim(semi == std::string_view::npos ? t : t.substr(0, semi));
      t = semi == std::string_view::npos ? std::string_view() : trim(t.substr(semi + 1));
      if (entry.empty()) continue;
      const std::size_t colon = entry.find(':');
      if (colon == std::string_view::npos) parseFail(name, ln, "destination", "OD entry malformed", "<zone> : <trips>;", entry);
      const auto dt = tokens(entry.substr(0, colon));
      const auto vt = tokens(entry.substr(colon + 1));
      if (dt.size() != 1 || vt.size() != 1) parseFail(name, ln, "destination", "OD entry malformed", "<zone> : <trips>;", entry);
      const int dest = toInt(dt[0], name, ln, "destination");
      const double v = toDouble(vt[0], name, ln, "trips");
      if (dest < 1 || dest > trips.zoneCount) invalid(name, ln, "destination", "zone out of range", range, std::string(dt[0]));
      if (v < 0) invalid(name, ln, "trips", "negative demand", ">= 0", std::string(vt[0]));
      const std::size_t k = static_cast<std::size_t>(origin - 1) * n + static_cast<std::size_t>(dest - 1);
      if (seen[k])
        invalid(name, ln, "destination", "OD pair repeated", "each destination once per origin",
                std::to_string(origin) + " -> " + std::to_string(dest));
      seen[k] = 1;
      trips.demand[k] = v;
    }
  }
  const double asWritten = trips.total();
  const double multiplied = asWritten * trips.demandMultiplier;
  if (haveTotal) {
    const auto matches = [&](double sum) {
      return std::abs(sum - trips.declaredTotal) <= 1e-6 * std::max(1.0, std::abs(trips.declaredTotal));
    };
    if (!matches(asWritten) && !matches(multiplied))
      invalid(
          name, tagLines["TOTAL OD FLOW"], "TOTAL OD FLOW", "OD entries do not add up to the declared total",
          trips.metadata["TOTAL OD FLOW"],
          std::to_string(asWritten) + (trips.demandMultiplier != 1.0
                                           ? " (x DEMAND MULTIPLIER " + trips.metadata["DEMAND MULTIPLIER"] +
                                                 " = " + std::to_string(multiplied) + ")"
                                           : std::string()));
  }
  if (trips.demandMultiplier != 1.0)
    for (double& v : trips.demand) v *= trips.demandMultiplier;
  return trips;
}

std::vector<TntpFlow> parseTntpFlows(const std::string& text, const std::string& name) {
  std::vector<TntpFlow> flows;
  bool header = false;
  for (const Line& line : splitLines(text)) {
    const std::string_view t = trim(line.text);
    if (t.empty() || isComment(t)) continue;
    const auto f = tokens(record(t));
    if (f.empty()) continue;
    if (!header && lowerNoSpace(f[0]) == "from") {
      header = true;
      continue;
    }
    if (f.size() != 4) parseFail(name, line.number, "", "wrong number of flow fields", "From To Volume Cost", t);
    TntpFlow fl;
    fl.from = toInt(f[0], name, line.number, "From");
    fl.to = toInt(f[1], name, line.number, "To");
    fl.volume = toDouble(f[2], name, line.number, "Volume");
    fl.cost = toDouble(f[3], name, line.number, "Cost");
    flows.push_back(fl);
  }
  return flows;
}

std::vector<TntpNode> parseTntpNodes(const std::string& text, const std::string& name) {
  std::vector<TntpNode> nodes;
  bool header = false;
  for (const Line& line : splitLines(text)) {
    const std::string_view t = trim(line.text);
    if (t.empty() || isComment(t)) continue;
    const auto f = tokens(record(t));
    if (f.empty()) continue;
    if (!header && lowerNoSpace(f[0]) == "node") {
      header = true;
      continue;
    }
    if (f.size() != 3) parseFail(name, line.number, "", "wrong number of node fields", "Node X Y ;", t);
    TntpNode n;
    n.id = toInt(f[0], name, line.number, "Node");
    n.x = toDouble(f[1], name, line.number, "X");
    n.y = toDouble(f[2], name, line.number, "Y");
    nodes.push_back(n);
  }
  return nodes;
}

TntpNetwork readTntpNetwork(const std::string& path) { return parseTntpNetwork(readFile(path), path); }
TntpTrips readTntpTrips(const std::string& path) { return parseTntpTrips(readFile(path), path); }
std::vector<TntpFlow> readTntpFlows(const std::string& path) { return parseTntpFlows(readFile(path), path); }
std::vector<TntpNode> readTntpNodes(const std::string& path) { return parseTntpNodes(readFile(path), path); }

}  // namespace ekm::demand
