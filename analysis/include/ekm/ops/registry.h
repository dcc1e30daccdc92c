#pragma once
// The one list of operations, by name. The analysis library registers its operations
// (registerAnalysisOperations); libraries outside it (the QtGui render library's
// export-map) register theirs from the executables that link them. Front ends only
// look operations up here.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ekm/ops/operation.h"

namespace ekm::ops {

class Registry {
 public:
  // The process-wide registry, with the analysis library's operations registered.
  static Registry& global();

  void add(std::unique_ptr<Operation> op);  // throws std::logic_error on a duplicate name
  template <class Op>
  void add() { add(makeOperation<Op>()); }

  // nullptr when unknown.
  const Operation* find(const std::string& name) const;
  // Throws ParamError naming the known operations.
  const Operation& at(const std::string& name) const;
  std::vector<const Operation*> all() const;  // sorted by name

  // {"operations": [{"name", "summary", "writes_project", "params": schema}, ...]}
  Json describe() const;

 private:
  std::map<std::string, std::unique_ptr<Operation>> m_ops;
};

// Registers every operation of the analysis library (called once by global()).
void registerAnalysisOperations(Registry& registry);

}  // namespace ekm::ops
