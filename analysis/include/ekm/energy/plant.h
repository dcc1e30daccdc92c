#pragma once
// A district heating and cooling plant as a JSON file describes it: chillers and heat-pump
// chillers with EnergyPlus part-load curves, heating units (boilers), thermal storage
// tanks, pumps, the condenser-water model, the electricity tariff and the CO2 factor.
//
// {
//   "name": "...",
//   "curve_library": "chillers.csv",       // optional: EnergyPlus curve table (relative to this file)
//   "condenser": {"approach_k": 4, "min_c": 16, "max_c": 33, "default_rh_pct": 65, "range_k": 5},
//   "units": [
//     {"id": "CH", "count": 2, "type": "chiller", "min_load": 0.2, "startup_cost_yen": 3000, "aux_kw": 40,
//      "cooling": {"capacity_kw": 3500, "cop": 6.0, "supply_c": 7, "source": "water",
//                  "curves": {"eplus": "ElectricEIRChiller York YT 1758kW/5.76COP/VSD"}}},
//     {"id": "HP-1", "type": "heat_pump", "cooling": {...}, "heating": {"capacity_kw": 2000, "cop": 3.2,
//      "supply_c": 45, "source": "air", "curves": {"capft": {"type": "biquadratic", "coeffs": [...]}, ...}}},
//     {"id": "B-1", "type": "boiler", "capacity_kw": 1500, "efficiency": 0.9, "fuel": "gas",
//      "fuel_yen_per_kwh": 9.0, "fuel_co2_kg_per_kwh": 0.2}],
//   "storage": [{"id": "TES", "carrier": "cooling", "capacity_kwh": 60000, "max_charge_kw": 9000,
//                "max_discharge_kw": 12000, "charge_efficiency": 0.95, "discharge_efficiency": 0.95,
//                "loss_per_day": 0.01, "initial_level": 0.5}],
//   "pumps": {"distribution_kwh_per_kwh": 0.02, "storage_kwh_per_kwh": 0.005},
//   "tariff": {...}, "co2": {...},                // see tariff.h
//   "baseline": {"charge_hours": [22, 23, 0, 1, 2, 3, 4, 5, 6, 7]}
// }
// A unit's "capacity_kw" and "cop" are its reference capacity and COP at the curves'
// reference temperatures (default: the curve set's own); "min_load" is a fraction of the
// available capacity (default: the curves' minimum PLR). Every bad value is reported with
// its JSON path (units[2].cooling.cop) and the file.
#include <string>
#include <vector>

#include "ekm/energy/chiller_curves.h"
#include "ekm/energy/tariff.h"

namespace ekm::energy {

enum class Carrier { Cooling = 0, Heating = 1 };
const char* carrierName(Carrier c);  // "cooling", "heating"

enum class UnitType { Chiller, HeatPump, Boiler };
const char* unitTypeName(UnitType t);  // "chiller", "heat_pump", "boiler"

// One operating mode (cooling or heating) of a unit driven by electricity.
struct UnitMode {
  bool present = false;
  double capacityKw = 0;   // reference capacity
  double cop = 0;          // reference COP
  double supplyC = 7;      // leaving chilled (or hot) water temperature
  bool airSource = false;  // condenser/source = outdoor dry bulb; else cooling-tower water (cooling)
                           // or a fixed source temperature (heating: source_c)
  double sourceC = 15;     // heating with a water source: the fixed source temperature
  ChillerCurveSet curves;  // CAPFT, EIRFT, EIRFPLR (capacity/COP replaced by the above)
  std::string curveSource; // where the curves came from (EnergyPlus name or "inline")
};

struct PlantUnit {
  std::string id;
  UnitType type = UnitType::Chiller;
  UnitMode cooling, heating;
  double minLoad = 0.2;         // fraction of available capacity
  double startupCostYen = 0;
  double startupKwh = 0;        // electricity used by a start
  double auxKw = 0;             // condenser pump, tower fan, primary pump while on
  int group = -1;               // identical units (from "count") share a group
  // Boilers
  double boilerCapacityKw = 0;
  double efficiency = 0.9;
  bool electricFuel = false;    // an electric boiler: fuel counts as electricity
  double fuelYenPerKwh = 0;
  double fuelCo2KgPerKwh = 0;

  bool serves(Carrier c) const {
    return type == UnitType::Boiler ? c == Carrier::Heating : (c == Carrier::Cooling ? cooling : heating).present;
  }
  const UnitMode& mode(Carrier c) const { return c == Carrier::Cooling ? cooling : heating; }
};

struct ThermalStorage {
  std::string id;
  Carrier carrier = Carrier::Cooling;
  double capacityKwh = 0;
  double maxChargeKw = 0, maxDischargeKw = 0;
  double chargeEfficiency = 0.95, dischargeEfficiency = 0.95;
  double lossPerHour = 0;       // fraction of the content lost per hour (from loss_per_day)
  double initialLevel = 0.5;    // fraction of capacity at the start; the plan ends at least this full
};

struct Pumps {
  double distributionKwhPerKwh = 0;  // secondary pumps per kWh of heat delivered to buildings
  double storageKwhPerKwh = 0;       // storage pumps per kWh charged or discharged
};

// Entering condenser water = outdoor wet bulb + approach, clamped to [min, max].
struct CondenserModel {
  double approachK = 4.0;
  double minC = 16.0, maxC = 33.0;
  double defaultRhPct = 65.0;   // when the hour has no humidity
  double rangeK = 5.0;          // leaving = entering + range (reformulated curves)
  double fallbackDryBulbC = 30.0;  // when the hour has no temperature
};

struct Plant {
  std::string name;
  std::string file;  // the JSON file, for messages
  std::vector<PlantUnit> units;
  std::vector<ThermalStorage> storage;
  Pumps pumps;
  CondenserModel condenser;
  Tariff tariff;
  Co2Factor co2;
  std::vector<int> baselineChargeHours;  // local hours the baseline charges storage

  bool serves(Carrier c) const;
};

// Reads and checks a plant file. Throws core::IoError, core::ParseError (malformed JSON)
// or core::ValidationError naming the file and the JSON path of the bad value.
Plant readPlant(const std::string& path);
// From parsed JSON text; `file` names it in messages, relative paths resolve against baseDir.
Plant plantFromJsonText(const std::string& text, const std::string& file, const std::string& baseDir);

// Outdoor wet bulb (Stull 2011) from dry bulb and relative humidity.
double wetBulbC(double dryBulbC, double rhPct);

}  // namespace ekm::energy
