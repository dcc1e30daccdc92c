#pragma once
// Deterrence functions f(c) of a generalized cost c for trip distribution
// (Ortuzar & Willumsen, Modelling Transport, 4th ed., section 5.5.1):
//   exponential      f(c) = exp(-beta c)
//   power            f(c) = c^-alpha
//   combined/Tanner  f(c) = c^alpha exp(-beta c)
// Costs must be finite and >= 0 (a power function needs c > 0; c = 0 is treated as
// the smallest positive cost `minCost`). Unreachable pairs (cost +inf or NaN) get f = 0.
#include <string>

namespace ekm::demand {

enum class DeterrenceKind { Exponential, Power, Combined };

// "exp"/"exponential", "power", "combined"/"tanner"; throws core::Error(Usage) otherwise.
DeterrenceKind deterrenceKindFromName(const std::string& name);
const char* deterrenceKindName(DeterrenceKind kind);

struct Deterrence {
  DeterrenceKind kind = DeterrenceKind::Exponential;
  double alpha = 0;  // power: exponent of c^-alpha; combined: exponent of c^alpha
  double beta = 0;   // exponential and combined: exp(-beta c)
  double minCost = 1e-6;

  double operator()(double cost) const;
  // The parameter a one-parameter calibration moves: beta (exponential, combined) or
  // alpha (power). Larger = stronger decay with cost for all three.
  double decayParameter() const { return kind == DeterrenceKind::Power ? alpha : beta; }
  void setDecayParameter(double v) { (kind == DeterrenceKind::Power ? alpha : beta) = v; }
  std::string describe() const;
};

}  // namespace ekm::demand
