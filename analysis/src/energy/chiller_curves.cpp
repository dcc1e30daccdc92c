// EnergyPlus chiller curves: evaluation and the curve table reader.
#include "ekm/energy/chiller_curves.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"

namespace ekm::energy {
namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

double clampTo(double v, double lo, double hi) { return std::min(std::max(v, lo), hi); }

}  // namespace

const char* curveKindName(CurveKind kind) {
  switch (kind) {
    case CurveKind::Constant: return "constant";
    case CurveKind::Linear: return "linear";
    case CurveKind::Quadratic: return "quadratic";
    case CurveKind::Cubic: return "cubic";
    case CurveKind::Biquadratic: return "biquadratic";
    case CurveKind::Bicubic: return "bicubic";
  }
  return "constant";
}

bool curveKindFromName(const std::string& name, CurveKind& kind) {
  std::string n = lower(name);
  if (n.rfind("curve:", 0) == 0) n = n.substr(6);
  for (CurveKind k : {CurveKind::Constant, CurveKind::Linear, CurveKind::Quadratic, CurveKind::Cubic,
                      CurveKind::Biquadratic, CurveKind::Bicubic})
    if (n == curveKindName(k)) {
      kind = k;
      return true;
    }
  return false;
}

int curveCoefficientCount(CurveKind kind) {
  switch (kind) {
    case CurveKind::Constant: return 1;
    case CurveKind::Linear: return 2;
    case CurveKind::Quadratic: return 3;
    case CurveKind::Cubic: return 4;
    case CurveKind::Biquadratic: return 6;
    case CurveKind::Bicubic: return 10;
  }
  return 1;
}

double Curve::operator()(double xIn, double yIn) const {
  const double x = clampTo(xIn, xMin, xMax);
  const double y = clampTo(yIn, yMin, yMax);
  const auto k = [&](std::size_t i) { return i < c.size() ? c[i] : 0.0; };
  switch (kind) {
    case CurveKind::Constant: return k(0);
    case CurveKind::Linear: return k(0) + k(1) * x;
    case CurveKind::Quadratic: return k(0) + k(1) * x + k(2) * x * x;
    case CurveKind::Cubic: return k(0) + x * (k(1) + x * (k(2) + x * k(3)));
    case CurveKind::Biquadratic: return k(0) + k(1) * x + k(2) * x * x + k(3) * y + k(4) * y * y + k(5) * x * y;
    case CurveKind::Bicubic:
      return k(0) + k(1) * x + k(2) * x * x + k(3) * y + k(4) * y * y + k(5) * x * y + k(6) * x * x * x +
             k(7) * y * y * y + k(8) * x * x * y + k(9) * x * y * y;
  }
  return k(0);
}

std::vector<ChillerCurveSet> readEplusChillerCurves(const std::string& path) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  if (!csv.next()) throw core::ParseError("empty chiller curve file", core::ErrorContext{path, 1, {}, {}, {}, {}});
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < csv.size(); ++i) col[std::string(csv[i])] = i;
  const char* required[] = {"object_type", "name", "ref_capacity_W", "ref_COP", "ref_leaving_chw_C",
                            "ref_entering_cond_or_leaving_cond_C", "min_PLR", "max_PLR", "capFT_type",
                            "eirFT_type", "eirFPLR_type", "eirFPLR_coeffs", "eirFPLR_limits"};
  for (const char* r : required)
    if (!col.count(r))
      throw core::ParseError("missing column in the chiller curve file",
                             core::ErrorContext{path, 1, {}, r, "a header with " + std::string(r), {}});
  std::vector<ChillerCurveSet> out;
  while (csv.next()) {
    const std::int64_t line = csv.line();
    const auto text = [&](const std::string& name) -> std::string {
      const auto it = col.find(name);
      if (it == col.end() || it->second >= csv.size()) return {};
      return std::string(csv[it->second]);
    };
    const auto bad = [&](const std::string& field, const std::string& expected) {
      return core::ParseError("bad value in the chiller curve file",
                              core::ErrorContext{path, line, {}, field, expected, text(field)});
    };
    const auto number = [&](const std::string& field) {
      const std::string t = text(field);
      double v = 0;
      const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
      if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(v))
        throw bad(field, "a number");
      return v;
    };
    const auto numbers = [&](const std::string& field) {
      std::istringstream in(text(field));
      std::vector<double> v;
      std::string tok;
      while (in >> tok) {
        double d = 0;
        const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), d);
        if (r.ec != std::errc() || r.ptr != tok.data() + tok.size()) throw bad(field, "space-separated numbers");
        v.push_back(d);
      }
      return v;
    };
    const auto curve = [&](const std::string& prefix, bool fromColumns) {
      Curve c;
      if (!curveKindFromName(text(prefix + "_type"), c.kind)) throw bad(prefix + "_type", "a curve type");
      const int n = curveCoefficientCount(c.kind);
      if (fromColumns) {
        c.c.clear();
        for (int i = 1; i <= n; ++i) c.c.push_back(number(prefix + "_c" + std::to_string(i)));
        c.xMin = number(prefix + "_xmin");
        c.xMax = number(prefix + "_xmax");
        c.yMin = number(prefix + "_ymin");
        c.yMax = number(prefix + "_ymax");
      } else {
        c.c = numbers(prefix + "_coeffs");
        if (static_cast<int>(c.c.size()) != n)
          throw bad(prefix + "_coeffs", std::to_string(n) + " coefficients for " + curveKindName(c.kind));
        const auto lim = numbers(prefix + "_limits");
        if (lim.size() >= 2) c.xMin = lim[0], c.xMax = lim[1];
        if (lim.size() >= 4) c.yMin = lim[2], c.yMax = lim[3];
      }
      return c;
    };
    ChillerCurveSet s;
    s.name = text("name");
    s.reformulated = text("object_type").find("Reformulated") != std::string::npos;
    s.refCapacityKw = number("ref_capacity_W") / 1000.0;
    s.refCop = number("ref_COP");
    s.refChwC = number("ref_leaving_chw_C");
    s.refCondC = number("ref_entering_cond_or_leaving_cond_C");
    s.minPlr = number("min_PLR");
    s.maxPlr = number("max_PLR");
    s.capFT = curve("capFT", true);
    s.eirFT = curve("eirFT", true);
    s.eirFPLR = curve("eirFPLR", false);
    if (s.refCapacityKw <= 0) throw bad("ref_capacity_W", "a positive capacity");
    if (s.refCop <= 0) throw bad("ref_COP", "a positive COP");
    out.push_back(std::move(s));
  }
  return out;
}

const ChillerCurveSet& findChillerCurves(const std::vector<ChillerCurveSet>& library, const std::string& name,
                                         const std::string& libraryPath) {
  for (const auto& s : library)
    if (s.name == name) return s;
  const ChillerCurveSet* found = nullptr;
  int n = 0;
  for (const auto& s : library)
    if (s.name.find(name) != std::string::npos) found = &s, ++n;
  if (n == 1) return *found;
  core::ErrorContext c;
  c.file = libraryPath;
  c.expected = "the name of one chiller in the curve library";
  c.found = name + (n == 0 ? " (no match)" : " (" + std::to_string(n) + " matches)");
  throw core::ValidationError("unknown chiller curve set", c);
}

std::vector<const ChillerCurveSet*> chooseChillers(const std::vector<ChillerCurveSet>& library, double capacityKw,
                                                   double minCop) {
  std::vector<const ChillerCurveSet*> out;
  for (const auto& s : library)
    if (s.refCapacityKw >= capacityKw / 2 && s.refCapacityKw <= capacityKw * 2 && s.refCop >= minCop) out.push_back(&s);
  std::stable_sort(out.begin(), out.end(), [&](const ChillerCurveSet* a, const ChillerCurveSet* b) {
    if (a->refCop != b->refCop) return a->refCop > b->refCop;
    return std::abs(std::log(a->refCapacityKw / capacityKw)) < std::abs(std::log(b->refCapacityKw / capacityKw));
  });
  return out;
}

}  // namespace ekm::energy
