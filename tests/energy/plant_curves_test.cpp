// Chiller curves (EnergyPlus form), the curve table reader, the piecewise-linear part-load
// curve against the exact one, tariff bands and the plant file's errors.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "ekm/core/calendar.h"
#include "ekm/core/error.h"
#include "ekm/energy/chiller_curves.h"
#include "ekm/energy/dispatch.h"
#include "ekm/energy/plant.h"
#include "ekm/energy/tariff.h"

namespace ekm::energy {
namespace {

const std::string kCurves = std::string(EKM_TEST_DATA_DIR) + "/energy/chillers_eplus_sample.csv";

core::HourKey jst(int y, unsigned m, unsigned d, int h) {
  return core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}, h);
}

std::string minimalPlant(const std::string& units, const std::string& extra = "") {
  return R"({"name": "t", "units": )" + units + R"(, "tariff": {"bands": [{"name": "flat", "yen_per_kwh": 20}]})" + extra + "}";
}

TEST(PlantCurves, BiquadraticAndQuadraticAsEnergyPlus) {
  // DOE-2 Centrifugal/5.50COP CAPFT at its reference point is ~1 (EnergyPlus Chillers.idf).
  Curve capft{CurveKind::Biquadratic, {0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344}, 5, 10, 24, 35};
  const double x = 6.67, y = 29.4;
  const double hand = 0.257896 + 0.0389016 * x - 0.00021708 * x * x + 0.0468684 * y - 0.00094284 * y * y -
                      0.00034344 * x * y;
  EXPECT_NEAR(capft(x, y), hand, 1e-12);
  EXPECT_NEAR(capft(x, y), 1.0, 0.01);
  // Inputs are clamped to the limits: y = 40 is evaluated at 35.
  EXPECT_DOUBLE_EQ(capft(x, 40), capft(x, 35));
  Curve plr{CurveKind::Quadratic, {0.222903, 0.313387, 0.463710}, 0, 1};
  EXPECT_NEAR(plr(1.0), 1.0, 1e-6);
  EXPECT_NEAR(plr(0.5), 0.222903 + 0.313387 * 0.5 + 0.46371 * 0.25, 1e-12);
}

TEST(PlantCurves, ReadsTheEnergyPlusTable) {
  const auto lib = readEplusChillerCurves(kCurves);
  ASSERT_EQ(lib.size(), 6u);
  const auto& york = findChillerCurves(lib, "ElectricEIRChiller York YT 1758kW/5.76COP/VSD", kCurves);
  EXPECT_NEAR(york.refCapacityKw, 1758.3, 1e-9);
  EXPECT_NEAR(york.refCop, 5.76, 1e-12);
  EXPECT_FALSE(york.reformulated);
  EXPECT_EQ(york.eirFPLR.kind, CurveKind::Quadratic);
  // At the reference point the curves are normalised to about 1 (the CoolTools fits are
  // not exact: this one's EIRFT gives 1.040 there).
  EXPECT_NEAR(york.capacityFactor(york.refChwC, york.refCondC), 1.0, 0.05);
  EXPECT_NEAR(york.eirFactor(york.refChwC, york.refCondC), 1.040411, 1e-5);
  EXPECT_NEAR(york.partLoadFactor(1.0, york.refCondC), 1.0, 0.03);
  const auto& reform = findChillerCurves(lib, "ReformEIRChiller York YT 1758kW", kCurves);
  EXPECT_TRUE(reform.reformulated);
  EXPECT_EQ(reform.eirFPLR.kind, CurveKind::Bicubic);
  EXPECT_NEAR(reform.partLoadFactor(1.0, reform.refCondC), 1.0, 0.05);
  // A name matching several, or none, is an error naming the file.
  EXPECT_THROW(findChillerCurves(lib, "York", kCurves), core::ValidationError);
  try {
    findChillerCurves(lib, "Nonexistent 1kW", kCurves);
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("chillers_eplus_sample.csv"), std::string::npos);
  }
  // Choosing by capacity and COP: 3,500 kW with COP >= 6 -> the York YK 4396 (6.63) first, then the McQuay 3165 (6.48).
  const auto chosen = chooseChillers(lib, 3500, 6.0);
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_NE(chosen[0]->name.find("York YK 4396kW"), std::string::npos);
  EXPECT_NE(chosen[1]->name.find("McQuay PFH 3165kW"), std::string::npos);
}

TEST(PlantCurves, PiecewiseLinearFollowsTheExactCurve) {
  const Plant plant = plantFromJsonText(
      minimalPlant(R"([{"id": "CH", "min_load": 0.2, "cooling": {"capacity_kw": 2000, "cop": 5.76,
                        "curves": {"eplus": "ElectricEIRChiller York YT 1758kW/5.76COP/VSD"}}}])",
                   R"(, "curve_library": "chillers_eplus_sample.csv")"),
      "plant.json", std::string(EKM_TEST_DATA_DIR) + "/energy");
  const ModeHour m = modeHour(plant, plant.units[0], Carrier::Cooling, 30.0, 60.0);
  ASSERT_GT(m.capacityKw, 1000);
  EXPECT_NEAR(m.minKw, 0.2 * m.capacityKw, 1e-9);
  double prevErr = 1e9;
  for (int segments : {1, 2, 3, 4, 5, 8}) {
    const PwlCurve pwl = piecewiseLinear(m, segments);
    // Exact at the breakpoints.
    for (std::size_t k = 0; k < pwl.q.size(); ++k) EXPECT_NEAR(pwl(pwl.q[k]), m.inputKw(pwl.q[k]), 1e-9);
    double maxErr = 0;
    for (int i = 0; i <= 400; ++i) {
      const double q = m.minKw + (m.capacityKw - m.minKw) * i / 400.0;
      maxErr = std::max(maxErr, std::abs(pwl(q) - m.inputKw(q)) / m.inputKw(m.capacityKw));
    }
    EXPECT_LE(maxErr, prevErr + 1e-12) << segments;
    prevErr = maxErr;
    if (segments == 4) {
      EXPECT_LT(maxErr, 0.01) << "4 segments: max error " << maxErr << " of full-load power";
    }
  }
  // The York's EIRFPLR has a positive square term: convex, no ordering binaries needed.
  EXPECT_TRUE(piecewiseLinear(m, 4).convex());
  // Colder condenser water: more capacity per kW.
  const ModeHour cool = modeHour(plant, plant.units[0], Carrier::Cooling, 15.0, 60.0);
  EXPECT_GT(cool.copAt(cool.capacityKw), m.copAt(m.capacityKw));
}

TEST(PlantCurves, WetBulbAndCondenserWater) {
  // Stull (2011): 20 C and 50 % -> 13.7 C wet bulb.
  EXPECT_NEAR(wetBulbC(20, 50), 13.7, 0.1);
  EXPECT_NEAR(wetBulbC(30, 100 - 1), 30, 0.3);
  const Plant plant = plantFromJsonText(minimalPlant(R"([{"id": "CH", "cooling": {"capacity_kw": 1000}}])",
                                                     R"(, "condenser": {"approach_k": 4, "min_c": 16, "max_c": 33})"),
                                        "p.json", "");
  EXPECT_NEAR(modeHour(plant, plant.units[0], Carrier::Cooling, 20, 50).sourceC, wetBulbC(20, 50) + 4, 1e-9);
  EXPECT_NEAR(modeHour(plant, plant.units[0], Carrier::Cooling, 0, 50).sourceC, 16, 1e-9);
}

TEST(PlantTariff, BandsByMonthDayTypeAndHour) {
  Tariff t;
  t.bands = {{"peak", 17.39, {7, 8, 9}, {13, 14, 15}, "weekday"},
             {"night", 12.31, {}, {22, 23, 0, 1, 2, 3, 4, 5, 6, 7}, "all"},
             {"day_summer", 16.79, {7, 8, 9}, {}, "all"},
             {"day", 15.66, {}, {}, "all"}};
  EXPECT_EQ(t.bandAt(jst(2025, 8, 1, 14)), "peak");        // Friday
  EXPECT_DOUBLE_EQ(t.priceAt(jst(2025, 8, 1, 14)), 17.39);
  EXPECT_EQ(t.bandAt(jst(2025, 8, 2, 14)), "day_summer");  // Saturday
  EXPECT_EQ(t.bandAt(jst(2025, 8, 11, 14)), "day_summer"); // Mountain Day (holiday)
  EXPECT_EQ(t.bandAt(jst(2025, 8, 1, 12)), "day_summer");
  EXPECT_EQ(t.bandAt(jst(2025, 8, 1, 16)), "day_summer");
  EXPECT_EQ(t.bandAt(jst(2025, 8, 1, 22)), "night");
  EXPECT_EQ(t.bandAt(jst(2025, 8, 1, 7)), "night");
  EXPECT_EQ(t.bandAt(jst(2025, 10, 1, 14)), "day");
  // Without a catch-all band an uncovered hour is an error naming it.
  t.bands.pop_back();
  try {
    t.priceAt(jst(2025, 10, 1, 14));
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("2025-10-01T14:00+09:00"), std::string::npos) << e.what();
  }
}

TEST(PlantTariff, HourlyPriceFile) {
  const auto dir = std::filesystem::temp_directory_path() / "ekm_plant_tariff_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "price.csv");
    f << "date,hour,yen_per_kwh\n2025-08-01,0,10.5\n2025-08-01,1,11\n2025-08-01,3,9\n";
  }
  const Plant plant = plantFromJsonText(
      R"({"units": [{"id": "CH", "cooling": {"capacity_kw": 1000}}], "tariff": {"hourly_file": "price.csv"}, "co2": {"kg_per_kwh": 0.44}})",
      "p.json", dir.string());
  EXPECT_DOUBLE_EQ(plant.tariff.priceAt(jst(2025, 8, 1, 1)), 11);
  EXPECT_DOUBLE_EQ(plant.tariff.priceAt(jst(2025, 8, 1, 3)), 9);
  EXPECT_DOUBLE_EQ(plant.co2.at(jst(2025, 8, 1, 3)), 0.44);
  EXPECT_THROW(plant.tariff.priceAt(jst(2025, 8, 1, 2)), core::ValidationError);  // a gap
  std::filesystem::remove_all(dir);
}

std::string errorOf(const std::string& json) {
  try {
    plantFromJsonText(json, "plant.json", std::string(EKM_TEST_DATA_DIR) + "/energy");
  } catch (const core::Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(PlantJson, ErrorsNameTheJsonPath) {
  const std::string units = R"([{"id": "A", "cooling": {"capacity_kw": 1000}}, {"id": "B", "cooling": {"capacity_kw": 1000, "cop": -1}}])";
  EXPECT_NE(errorOf(minimalPlant(units)).find("units[1].cooling.cop"), std::string::npos) << errorOf(minimalPlant(units));
  EXPECT_NE(errorOf(minimalPlant(units)).find("plant.json"), std::string::npos);
  EXPECT_NE(errorOf(minimalPlant(R"([{"id": "A", "cooling": {"capacity_kw": 1000, "copp": 5}}])")).find("units[0].cooling.copp"),
            std::string::npos);
  EXPECT_NE(errorOf(minimalPlant(R"([{"id": "A", "type": "chiller", "heating": {"capacity_kw": 1000}}])")).find("units[0].heating"),
            std::string::npos);
  EXPECT_NE(errorOf(minimalPlant(R"([{"id": "A", "cooling": {"capacity_kw": 1000}}])",
                                 R"(, "storage": [{"id": "T", "capacity_kwh": 100, "loss_per_day": 2}])"))
                .find("storage[0].loss_per_day"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"units": [{"id": "A", "cooling": {"capacity_kw": 1000}}], "tariff": {"bands": [{"name": "x", "yen_per_kwh": 1, "hours": [24]}]}})")
                .find("tariff.bands[0].hours[0]"),
            std::string::npos);
  EXPECT_NE(errorOf(minimalPlant(R"([{"id": "A", "cooling": {"curves": {"eplus": "York YT 1758kW/5.76COP/VSD"}}}])"))
                .find("curve_library"),
            std::string::npos);
  EXPECT_NE(errorOf(minimalPlant(R"([{"id": "A", "cooling": {"curves": {"eplus": "No such chiller"}}}])",
                                 R"(, "curve_library": "chillers_eplus_sample.csv")"))
                .find("units[0].cooling.curves.eplus"),
            std::string::npos);
  EXPECT_NE(errorOf("{").find("not valid JSON"), std::string::npos);
}

TEST(PlantJson, CountMakesIdenticalUnitsAndCurvesComeFromTheLibrary) {
  const Plant p = plantFromJsonText(
      minimalPlant(R"([{"id": "CH", "count": 3, "startup_cost_yen": 1000,
                        "cooling": {"capacity_kw": 3000, "curves": {"eplus": "McQuay PFH 3165kW"}}},
                       {"id": "HP", "type": "heat_pump", "cooling": {"capacity_kw": 1000}, "heating": {"capacity_kw": 900, "cop": 3.5}}])",
                   R"(, "curve_library": "chillers_eplus_sample.csv",
                       "storage": [{"id": "TES", "capacity_kwh": 10000, "loss_per_day": 0.01}])"),
      "plant.json", std::string(EKM_TEST_DATA_DIR) + "/energy");
  ASSERT_EQ(p.units.size(), 4u);
  EXPECT_EQ(p.units[0].id, "CH-1");
  EXPECT_EQ(p.units[2].id, "CH-3");
  EXPECT_EQ(p.units[0].group, p.units[2].group);
  EXPECT_EQ(p.units[3].group, -1);
  EXPECT_NEAR(p.units[0].cooling.cop, 6.48, 1e-12);  // from the library's reference COP
  EXPECT_NEAR(p.units[0].minLoad, 0.1, 1e-12);        // the curve set's minimum PLR
  EXPECT_TRUE(p.units[3].serves(Carrier::Heating));
  EXPECT_NEAR(std::pow(1 - p.storage[0].lossPerHour, 24), 0.99, 1e-12);
}

}  // namespace
}  // namespace ekm::energy
