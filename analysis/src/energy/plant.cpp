// The plant file reader: every value checked, every error naming its JSON path.
#include "ekm/energy/plant.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ekm/core/error.h"

namespace ekm::energy {
namespace {

using Json = nlohmann::ordered_json;
constexpr double kInf = std::numeric_limits<double>::infinity();

// A JSON value with its path in the file, for messages.
class At {
 public:
  At(const Json& j, std::string path, const std::string& file) : m_j(j), m_path(std::move(path)), m_file(file) {}

  [[noreturn]] void fail(const std::string& message, const std::string& expected) const {
    core::ErrorContext c;
    c.file = m_file;
    c.field = m_path.empty() ? "(top level)" : m_path;
    c.expected = expected;
    c.found = m_j.dump();
    if (c.found.size() > 80) c.found = c.found.substr(0, 77) + "...";
    throw core::ValidationError("plant file: " + message, c);
  }
  const Json& json() const { return m_j; }
  const std::string& path() const { return m_path; }

  std::string childPath(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
  bool has(const std::string& key) const { return m_j.is_object() && m_j.contains(key); }
  At operator[](const std::string& key) const {
    if (!has(key)) {
      core::ErrorContext c;
      c.file = m_file;
      c.field = childPath(key);
      c.expected = "a value";
      c.found = "nothing";
      throw core::ValidationError("plant file: missing required value", c);
    }
    return At(m_j.at(key), childPath(key), m_file);
  }
  At item(std::size_t i) const { return At(m_j.at(i), m_path + "[" + std::to_string(i) + "]", m_file); }
  std::size_t size() const { return m_j.size(); }

  void object(std::initializer_list<const char*> keys) const {
    if (!m_j.is_object()) fail("expected an object", "an object");
    const std::set<std::string> known(keys.begin(), keys.end());
    for (auto it = m_j.begin(); it != m_j.end(); ++it)
      if (!known.count(it.key())) {
        std::string list;
        for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
        At(it.value(), childPath(it.key()), m_file).fail("unknown key '" + it.key() + "'", "one of: " + list);
      }
  }
  void array() const {
    if (!m_j.is_array()) fail("expected an array", "an array");
  }
  double number(double min = -kInf, double max = kInf) const {
    if (!m_j.is_number()) fail("expected a number", "a number");
    const double v = m_j.get<double>();
    if (!std::isfinite(v) || v < min || v > max) fail("value out of range", range(min, max));
    return v;
  }
  double number(const std::string& key, double def, double min = -kInf, double max = kInf) const {
    return has(key) ? (*this)[key].number(min, max) : def;
  }
  std::string string() const {
    if (!m_j.is_string()) fail("expected a string", "a string");
    return m_j.get<std::string>();
  }
  std::string string(const std::string& key, const std::string& def) const {
    return has(key) ? (*this)[key].string() : def;
  }
  std::string choice(const std::string& key, const std::string& def, std::initializer_list<const char*> choices) const {
    if (!has(key)) return def;
    const At a = (*this)[key];
    const std::string v = a.string();
    std::string list;
    for (const char* c : choices) {
      if (v == c) return v;
      list += (list.empty() ? "" : ", ") + std::string(c);
    }
    a.fail("unknown value", "one of: " + list);
  }
  std::vector<double> numbers() const {
    array();
    std::vector<double> v;
    for (std::size_t i = 0; i < size(); ++i) v.push_back(item(i).number());
    return v;
  }
  std::vector<int> integers(int min, int max) const {
    array();
    std::vector<int> v;
    for (std::size_t i = 0; i < size(); ++i) {
      const At a = item(i);
      if (!a.m_j.is_number_integer()) a.fail("expected an integer", range(min, max));
      v.push_back(static_cast<int>(a.number(min, max)));
    }
    return v;
  }

 private:
  static std::string range(double min, double max) {
    std::ostringstream o;
    o << "a number";
    if (min > -kInf && max < kInf) o << " in " << min << ".." << max;
    else if (min > -kInf) o << " >= " << min;
    else if (max < kInf) o << " <= " << max;
    return o.str();
  }

  const Json& m_j;
  std::string m_path;
  const std::string& m_file;
};

std::string resolvePath(const std::string& baseDir, const std::string& p) {
  const std::filesystem::path path(p);
  if (path.is_absolute() || baseDir.empty()) return p;
  return (std::filesystem::path(baseDir) / path).string();
}

Curve readCurve(const At& a) {
  a.object({"type", "coeffs", "limits"});
  Curve c;
  if (!curveKindFromName(a["type"].string(), c.kind))
    a["type"].fail("unknown curve type", "constant, linear, quadratic, cubic, biquadratic or bicubic");
  c.c = a["coeffs"].numbers();
  if (static_cast<int>(c.c.size()) != curveCoefficientCount(c.kind))
    a["coeffs"].fail("wrong number of coefficients",
                     std::to_string(curveCoefficientCount(c.kind)) + " for a " + curveKindName(c.kind) + " curve");
  if (a.has("limits")) {
    const auto lim = a["limits"].numbers();
    if (lim.size() != 2 && lim.size() != 4) a["limits"].fail("wrong number of limits", "[xmin, xmax] or [xmin, xmax, ymin, ymax]");
    c.xMin = lim[0], c.xMax = lim[1];
    if (lim.size() == 4) c.yMin = lim[2], c.yMax = lim[3];
  }
  return c;
}

// DOE-2 generic centrifugal chiller (EnergyPlus Chillers.idf, "DOE-2 Centrifugal/5.50COP").
ChillerCurveSet defaultChillerCurves() {
  ChillerCurveSet s;
  s.name = "DOE-2 Centrifugal/5.50COP (EnergyPlus Chillers.idf)";
  s.refCapacityKw = 1000, s.refCop = 5.5, s.refChwC = 6.67, s.refCondC = 29.4, s.minPlr = 0.1;
  s.capFT = {CurveKind::Biquadratic, {0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344}, 5, 10, 24, 35};
  s.eirFT = {CurveKind::Biquadratic, {0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215}, 5, 10, 24, 35};
  s.eirFPLR = {CurveKind::Quadratic, {0.222903, 0.313387, 0.463710}, 0.1, 1.0};
  return s;
}

// Heating mode without curves: capacity and COP constant over temperature, the DOE-2
// centrifugal part-load curve.
ChillerCurveSet defaultHeatingCurves() {
  ChillerCurveSet s = defaultChillerCurves();
  s.name = "constant capacity and COP, DOE-2 part-load curve";
  s.capFT = Curve{};
  s.eirFT = Curve{};
  s.refChwC = 45, s.refCondC = 7;
  return s;
}

struct Reader {
  std::string file, baseDir;
  std::unique_ptr<std::vector<ChillerCurveSet>> library;
  std::string libraryPath;

  UnitMode readMode(const At& a, Carrier carrier) {
    a.object({"capacity_kw", "cop", "supply_c", "source", "source_c", "curves"});
    UnitMode m;
    m.present = true;
    m.curves = carrier == Carrier::Cooling ? defaultChillerCurves() : defaultHeatingCurves();
    m.curveSource = m.curves.name;
    if (a.has("curves")) {
      const At c = a["curves"];
      c.object({"eplus", "capft", "eirft", "eirfplr", "ref_supply_c", "ref_source_c", "min_plr", "source"});
      if (c.has("eplus")) {
        if (!library) c["eplus"].fail("no curve library", "a top-level \"curve_library\" file to look the name up in");
        try {
          m.curves = findChillerCurves(*library, c["eplus"].string(), libraryPath);
        } catch (const core::ValidationError& e) {
          c["eplus"].fail(e.message() + " in " + libraryPath, e.context().expected);
        }
        m.curveSource = "EnergyPlus: " + m.curves.name;
      } else {
        m.curveSource = c.string("source", "inline");
      }
      if (c.has("capft")) m.curves.capFT = readCurve(c["capft"]);
      if (c.has("eirft")) m.curves.eirFT = readCurve(c["eirft"]);
      if (c.has("eirfplr")) m.curves.eirFPLR = readCurve(c["eirfplr"]);
      m.curves.refChwC = c.number("ref_supply_c", m.curves.refChwC, -20, 100);
      m.curves.refCondC = c.number("ref_source_c", m.curves.refCondC, -30, 80);
      m.curves.minPlr = c.number("min_plr", m.curves.minPlr, 0, 1);
      m.curves.reformulated = m.curves.eirFPLR.bivariate();
    }
    m.capacityKw = a.number("capacity_kw", m.curves.refCapacityKw, 1e-6);
    m.cop = a.number("cop", m.curves.refCop, 0.1, 50);
    m.supplyC = a.number("supply_c", carrier == Carrier::Cooling ? 7.0 : 45.0, -20, 100);
    m.airSource = a.choice("source", carrier == Carrier::Cooling ? "water" : "air", {"water", "air"}) == "air";
    m.sourceC = a.number("source_c", 15.0, -30, 80);
    // The curves must give a positive capacity and power at the reference point.
    const double cap = m.curves.capacityFactor(m.curves.refChwC, m.curves.refCondC);
    const double eir = m.curves.eirFactor(m.curves.refChwC, m.curves.refCondC);
    const double plr = m.curves.partLoadFactor(1.0, m.curves.refCondC);
    if (!(cap > 0) || !(eir > 0) || !(plr > 0))
      (a.has("curves") ? a["curves"] : a).fail("the curves give no positive capacity or power at the reference point",
                                               "CAPFT, EIRFT and EIRFPLR(1) > 0");
    return m;
  }

  PlantUnit readUnit(const At& a) {
    a.object({"id", "count", "type", "min_load", "startup_cost_yen", "startup_kwh", "aux_kw", "cooling", "heating",
              "capacity_kw", "efficiency", "fuel", "fuel_yen_per_kwh", "fuel_co2_kg_per_kwh", "note"});
    PlantUnit u;
    u.id = a["id"].string();
    if (u.id.empty()) a["id"].fail("empty id", "a unit id");
    const std::string type = a.choice("type", "chiller", {"chiller", "heat_pump", "boiler"});
    u.type = type == "chiller" ? UnitType::Chiller : type == "heat_pump" ? UnitType::HeatPump : UnitType::Boiler;
    u.startupCostYen = a.number("startup_cost_yen", 0, 0);
    u.startupKwh = a.number("startup_kwh", 0, 0);
    u.auxKw = a.number("aux_kw", 0, 0);
    if (u.type == UnitType::Boiler) {
      for (const char* k : {"cooling", "heating"})
        if (a.has(k)) a[k].fail("a boiler has no modes", "capacity_kw, efficiency, fuel at the unit's level");
      u.boilerCapacityKw = a["capacity_kw"].number(1e-6);
      u.efficiency = a.number("efficiency", 0.9, 0.05, 10);
      u.electricFuel = a.choice("fuel", "gas", {"gas", "electric"}) == "electric";
      u.fuelYenPerKwh = a.number("fuel_yen_per_kwh", 0, 0);
      u.fuelCo2KgPerKwh = a.number("fuel_co2_kg_per_kwh", u.electricFuel ? 0.0 : 0.2, 0);
      u.minLoad = a.number("min_load", 0.2, 0, 1);
      return u;
    }
    for (const char* k : {"capacity_kw", "efficiency", "fuel", "fuel_yen_per_kwh", "fuel_co2_kg_per_kwh"})
      if (a.has(k)) a[k].fail("only boilers have this at the unit's level", "it inside \"cooling\" or \"heating\"");
    if (a.has("cooling")) u.cooling = readMode(a["cooling"], Carrier::Cooling);
    if (a.has("heating")) {
      if (u.type == UnitType::Chiller) a["heating"].fail("a chiller does not heat", "type \"heat_pump\" for a heating mode");
      u.heating = readMode(a["heating"], Carrier::Heating);
    }
    if (!u.cooling.present && !u.heating.present) a.fail("unit without a mode", "\"cooling\" and/or \"heating\"");
    if (u.type == UnitType::Chiller && !u.cooling.present) a.fail("chiller without cooling", "a \"cooling\" object");
    const double curveMin = u.cooling.present ? u.cooling.curves.minPlr : u.heating.curves.minPlr;
    u.minLoad = a.number("min_load", curveMin, 0, 0.99);
    return u;
  }

  ThermalStorage readStorage(const At& a) {
    a.object({"id", "carrier", "capacity_kwh", "max_charge_kw", "max_discharge_kw", "charge_efficiency",
              "discharge_efficiency", "loss_per_day", "initial_level", "note"});
    ThermalStorage s;
    s.id = a["id"].string();
    s.carrier = a.choice("carrier", "cooling", {"cooling", "heating"}) == "cooling" ? Carrier::Cooling : Carrier::Heating;
    s.capacityKwh = a["capacity_kwh"].number(1e-6);
    s.maxChargeKw = a.number("max_charge_kw", s.capacityKwh / 8, 0);
    s.maxDischargeKw = a.number("max_discharge_kw", s.capacityKwh / 8, 0);
    s.chargeEfficiency = a.number("charge_efficiency", 0.95, 0.01, 1);
    s.dischargeEfficiency = a.number("discharge_efficiency", 0.95, 0.01, 1);
    const double perDay = a.number("loss_per_day", 0.01, 0, 0.99);
    s.lossPerHour = 1.0 - std::pow(1.0 - perDay, 1.0 / 24.0);
    s.initialLevel = a.number("initial_level", 0.5, 0, 1);
    return s;
  }

  void readHourlySource(const At& a, HourlySeries& series, std::string& source, const std::string& defColumn) {
    const std::string path = resolvePath(baseDir, a["hourly_file"].string());
    const std::string column = a.string("column", defColumn);
    HourlyColumns cols;
    try {
      cols = readHourlyCsv(path, {column});
    } catch (const core::Error& e) {
      a["hourly_file"].fail(e.what(), "a readable hourly CSV with a '" + column + "' column");
    }
    series.start = cols.start;
    series.values = cols.values.front();
    source = path;
  }

  Tariff readTariff(const At& a) {
    a.object({"name", "bands", "hourly_file", "column", "note", "source"});
    Tariff t;
    t.name = a.string("name", "tariff");
    t.source = file;
    if (a.has("hourly_file")) {
      if (a.has("bands")) a["bands"].fail("both bands and an hourly file", "one of \"bands\" or \"hourly_file\"");
      readHourlySource(a, t.hourly, t.source, "yen_per_kwh");
      t.hourly.unit = "JPY/kWh";
      return t;
    }
    const At bands = a["bands"];
    bands.array();
    if (bands.size() == 0) bands.fail("no bands", "at least one band");
    for (std::size_t i = 0; i < bands.size(); ++i) {
      const At b = bands.item(i);
      b.object({"name", "yen_per_kwh", "months", "hours", "days", "note"});
      TariffBand band;
      band.name = b.string("name", "band" + std::to_string(i + 1));
      band.yenPerKwh = b["yen_per_kwh"].number(-1000, 10000);
      if (b.has("months")) band.months = b["months"].integers(1, 12);
      if (b.has("hours")) band.hours = b["hours"].integers(0, 23);
      band.days = b.choice("days", "all", {"all", "weekday", "saturday", "holiday", "weekend"});
      t.bands.push_back(std::move(band));
    }
    return t;
  }

  Co2Factor readCo2(const At& a) {
    a.object({"kg_per_kwh", "hourly_file", "column", "note", "source"});
    Co2Factor c;
    c.source = file;
    if (a.has("hourly_file")) {
      readHourlySource(a, c.hourly, c.source, "kg_per_kwh");
      c.hourly.unit = "kg-CO2/kWh";
    } else {
      c.kgPerKwh = a["kg_per_kwh"].number(0, 5);
    }
    return c;
  }

  Plant read(const Json& root) {
    const At a(root, "", file);
    a.object({"name", "note", "notes", "curve_library", "condenser", "units", "storage", "pumps", "tariff", "co2",
              "baseline"});
    Plant p;
    p.file = file;
    p.name = a.string("name", std::filesystem::path(file).stem().string());
    if (a.has("curve_library")) {
      libraryPath = resolvePath(baseDir, a["curve_library"].string());
      try {
        library = std::make_unique<std::vector<ChillerCurveSet>>(readEplusChillerCurves(libraryPath));
      } catch (const core::Error& e) {
        a["curve_library"].fail(e.what(), "a readable EnergyPlus curve table");
      }
    }
    if (a.has("condenser")) {
      const At c = a["condenser"];
      c.object({"approach_k", "min_c", "max_c", "default_rh_pct", "range_k", "fallback_dry_bulb_c", "note"});
      p.condenser.approachK = c.number("approach_k", p.condenser.approachK, 0, 20);
      p.condenser.minC = c.number("min_c", p.condenser.minC, -10, 60);
      p.condenser.maxC = c.number("max_c", p.condenser.maxC, p.condenser.minC, 60);
      p.condenser.defaultRhPct = c.number("default_rh_pct", p.condenser.defaultRhPct, 1, 100);
      p.condenser.rangeK = c.number("range_k", p.condenser.rangeK, 0, 20);
      p.condenser.fallbackDryBulbC = c.number("fallback_dry_bulb_c", p.condenser.fallbackDryBulbC, -30, 50);
    }
    const At units = a["units"];
    units.array();
    if (units.size() == 0) units.fail("no units", "at least one unit");
    std::set<std::string> ids;
    int group = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
      const At ua = units.item(i);
      PlantUnit u = readUnit(ua);
      const int count = ua.has("count") ? static_cast<int>(ua["count"].number(1, 50)) : 1;
      if (ua.has("count") && !ua["count"].json().is_number_integer()) ua["count"].fail("expected an integer", "1..50");
      for (int k = 1; k <= count; ++k) {
        PlantUnit c = u;
        if (count > 1) c.id = u.id + "-" + std::to_string(k), c.group = group;
        if (!ids.insert(c.id).second) ua["id"].fail("duplicate unit id '" + c.id + "'", "unique unit ids");
        p.units.push_back(std::move(c));
      }
      if (count > 1) ++group;
    }
    if (a.has("storage")) {
      const At st = a["storage"];
      st.array();
      for (std::size_t i = 0; i < st.size(); ++i) {
        ThermalStorage s = readStorage(st.item(i));
        if (!ids.insert(s.id).second) st.item(i)["id"].fail("duplicate id '" + s.id + "'", "ids unique over units and storage");
        p.storage.push_back(std::move(s));
      }
    }
    if (a.has("pumps")) {
      const At pu = a["pumps"];
      pu.object({"distribution_kwh_per_kwh", "storage_kwh_per_kwh", "note"});
      p.pumps.distributionKwhPerKwh = pu.number("distribution_kwh_per_kwh", 0, 0, 1);
      p.pumps.storageKwhPerKwh = pu.number("storage_kwh_per_kwh", 0, 0, 1);
    }
    p.tariff = readTariff(a["tariff"]);
    if (a.has("co2")) p.co2 = readCo2(a["co2"]);
    if (a.has("baseline")) {
      const At b = a["baseline"];
      b.object({"charge_hours", "note"});
      if (b.has("charge_hours")) p.baselineChargeHours = b["charge_hours"].integers(0, 23);
    }
    if (p.baselineChargeHours.empty()) p.baselineChargeHours = {22, 23, 0, 1, 2, 3, 4, 5, 6, 7};
    for (std::size_t i = 0; i < p.storage.size(); ++i)
      if (!p.serves(p.storage[i].carrier))
        a["storage"].item(i)["carrier"].fail("no unit can charge this storage", "a unit serving its carrier");
    return p;
  }
};

}  // namespace

const char* carrierName(Carrier c) { return c == Carrier::Cooling ? "cooling" : "heating"; }

const char* unitTypeName(UnitType t) {
  switch (t) {
    case UnitType::Chiller: return "chiller";
    case UnitType::HeatPump: return "heat_pump";
    case UnitType::Boiler: return "boiler";
  }
  return "chiller";
}

bool Plant::serves(Carrier c) const {
  for (const auto& u : units)
    if (u.serves(c)) return true;
  return false;
}

Plant plantFromJsonText(const std::string& text, const std::string& file, const std::string& baseDir) {
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& e) {
    core::ErrorContext c;
    c.file = file;
    c.expected = "JSON";
    c.found = e.what();
    throw core::ParseError("plant file is not valid JSON", c);
  }
  Reader r{file, baseDir, nullptr, {}};
  return r.read(root);
}

Plant readPlant(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::IoError("cannot read the plant file", core::ErrorContext{path, {}, {}, {}, {}, {}});
  std::ostringstream s;
  s << in.rdbuf();
  return plantFromJsonText(s.str(), path, std::filesystem::path(path).parent_path().string());
}

double wetBulbC(double t, double rh) {
  // Stull (2011), J. Appl. Meteor. Climatol. 50, 2267-2269; valid for RH 5-99 %, T -20..50 C.
  rh = std::min(std::max(rh, 5.0), 99.0);
  return t * std::atan(0.151977 * std::sqrt(rh + 8.313659)) + std::atan(t + rh) - std::atan(rh - 1.676331) +
         0.00391838 * std::pow(rh, 1.5) * std::atan(0.023101 * rh) - 4.686035;
}

}  // namespace ekm::energy
