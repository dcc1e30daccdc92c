#include "ekm/demand/deterrence.h"

#include <cmath>
#include <cstdio>

#include "ekm/core/error.h"

namespace ekm::demand {

DeterrenceKind deterrenceKindFromName(const std::string& name) {
  if (name == "exp" || name == "exponential") return DeterrenceKind::Exponential;
  if (name == "power") return DeterrenceKind::Power;
  if (name == "combined" || name == "tanner") return DeterrenceKind::Combined;
  core::ErrorContext c;
  c.field = "deterrence";
  c.expected = "exp, power or combined (tanner)";
  c.found = name;
  throw core::Error(core::ErrorCode::Usage, "unknown deterrence function", c);
}

const char* deterrenceKindName(DeterrenceKind kind) {
  switch (kind) {
    case DeterrenceKind::Exponential: return "exp";
    case DeterrenceKind::Power: return "power";
    case DeterrenceKind::Combined: return "combined";
  }
  return "?";
}

double Deterrence::operator()(double cost) const {
  if (!std::isfinite(cost) || cost < 0) return 0.0;
  switch (kind) {
    case DeterrenceKind::Exponential: return std::exp(-beta * cost);
    case DeterrenceKind::Power: return std::pow(std::max(cost, minCost), -alpha);
    case DeterrenceKind::Combined: return std::pow(std::max(cost, minCost), alpha) * std::exp(-beta * cost);
  }
  return 0.0;
}

std::string Deterrence::describe() const {
  char buf[160];
  switch (kind) {
    case DeterrenceKind::Exponential: std::snprintf(buf, sizeof buf, "exp(-%.6g c)", beta); break;
    case DeterrenceKind::Power: std::snprintf(buf, sizeof buf, "c^-%.6g", alpha); break;
    case DeterrenceKind::Combined: std::snprintf(buf, sizeof buf, "c^%.6g exp(-%.6g c)", alpha, beta); break;
  }
  return buf;
}

}  // namespace ekm::demand
