#pragma once
// Electric-chiller performance curves in the EnergyPlus form (Chiller:Electric:EIR and
// Chiller:Electric:ReformulatedEIR; the CoolTools data set in Chillers.idf):
//   available capacity Q_avail = Q_ref * CAPFT(T_chw,leave, T_cond)
//   electric power     P       = Q_avail / COP_ref * EIRFT(T_chw,leave, T_cond) * EIRFPLR(PLR)
// with CAPFT/EIRFT biquadratic and EIRFPLR quadratic in PLR (EIR object) or bicubic in
// (T_cond,leave, PLR) (reformulated object). Curve inputs are clamped to their limits as
// EnergyPlus does. The same form describes a heat pump's heating mode (x = hot water
// leaving temperature, y = source temperature).
#include <limits>
#include <string>
#include <vector>

namespace ekm::energy {

enum class CurveKind { Constant, Linear, Quadratic, Cubic, Biquadratic, Bicubic };
const char* curveKindName(CurveKind kind);  // "constant", "linear", ... (EnergyPlus names without "Curve:")
// Accepts the names above, case-insensitive, with or without the "Curve:" prefix. False if unknown.
bool curveKindFromName(const std::string& name, CurveKind& kind);
// Number of coefficients of a kind (1, 2, 3, 4, 6, 10).
int curveCoefficientCount(CurveKind kind);

struct Curve {
  CurveKind kind = CurveKind::Constant;
  std::vector<double> c{1.0};
  double xMin = -std::numeric_limits<double>::infinity(), xMax = std::numeric_limits<double>::infinity();
  double yMin = -std::numeric_limits<double>::infinity(), yMax = std::numeric_limits<double>::infinity();

  // Univariate kinds ignore y. Inputs are clamped to the limits.
  double operator()(double x, double y = 0.0) const;
  bool bivariate() const { return kind == CurveKind::Biquadratic || kind == CurveKind::Bicubic; }
};

// One chiller's curves and reference point.
struct ChillerCurveSet {
  std::string name;               // e.g. "ElectricEIRChiller York YT 1758kW/5.76COP/VSD"
  bool reformulated = false;      // EIRFPLR bicubic in (leaving condenser temp, PLR)
  double refCapacityKw = 0;
  double refCop = 0;
  double refChwC = 6.67;          // leaving chilled water
  double refCondC = 29.4;         // entering (EIR) or leaving (reformulated) condenser water
  double minPlr = 0.1, maxPlr = 1.0;
  Curve capFT, eirFT, eirFPLR;

  // CAPFT and EIRFT at the temperatures.
  double capacityFactor(double chwC, double condC) const { return capFT(chwC, condC); }
  double eirFactor(double chwC, double condC) const { return eirFT(chwC, condC); }
  // EIRFPLR at the PLR (and, for the reformulated form, the condenser temperature).
  double partLoadFactor(double plr, double condC) const {
    return eirFPLR.bivariate() ? eirFPLR(condC, plr) : eirFPLR(plr);
  }
};

// Reads the curve table made from the EnergyPlus data sets (eplus_*_chiller_curves.csv:
// object_type, name, ref_capacity_W, ref_COP, ..., eirFPLR_coeffs, eirFPLR_limits).
// Throws core::IoError / core::ParseError naming the file, line and column.
std::vector<ChillerCurveSet> readEplusChillerCurves(const std::string& path);

// The curve set of that name (exact, else the unique one whose name contains it).
// Throws core::ValidationError naming the file when none or several match.
const ChillerCurveSet& findChillerCurves(const std::vector<ChillerCurveSet>& library, const std::string& name,
                                         const std::string& libraryPath);

// Chooses a chiller for a plant: the curve sets with a reference capacity within
// [capacityKw / 2, capacityKw * 2] and a COP of at least minCop, best first by
// (reference COP, then closeness of capacity). Empty if none fits.
std::vector<const ChillerCurveSet*> chooseChillers(const std::vector<ChillerCurveSet>& library, double capacityKw,
                                                   double minCop = 0.0);

}  // namespace ekm::energy
