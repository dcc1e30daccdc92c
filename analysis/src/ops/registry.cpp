// The operation registry.
#include "ekm/ops/registry.h"

#include <stdexcept>

namespace ekm::ops {

Registry& Registry::global() {
  static Registry* registry = [] {
    auto* r = new Registry;
    registerAnalysisOperations(*r);
    return r;
  }();
  return *registry;
}

void Registry::add(std::unique_ptr<Operation> op) {
  const std::string name = op->name();
  if (m_ops.count(name)) throw std::logic_error("operation registered twice: " + name);
  m_ops.emplace(name, std::move(op));
}

const Operation* Registry::find(const std::string& name) const {
  const auto it = m_ops.find(name);
  return it == m_ops.end() ? nullptr : it->second.get();
}

const Operation& Registry::at(const std::string& name) const {
  if (const Operation* op = find(name)) return *op;
  std::string known;
  for (const auto& [n, op] : m_ops) known += (known.empty() ? "" : ", ") + n;
  throw ParamError("unknown operation", core::ErrorContext{"", std::nullopt, std::nullopt, "op",
                                                          "one of " + known, name});
}

std::vector<const Operation*> Registry::all() const {
  std::vector<const Operation*> out;
  for (const auto& [n, op] : m_ops) out.push_back(op.get());
  return out;
}

Json Registry::describe() const {
  Json list = Json::array();
  for (const auto& [n, op] : m_ops) {
    Json e = Json::object();
    e["name"] = n;
    e["summary"] = op->summary();
    e["writes_project"] = op->writesProject();
    e["params"] = op->paramsSchema();
    list.push_back(std::move(e));
  }
  return Json{{"operations", std::move(list)}};
}

}  // namespace ekm::ops
