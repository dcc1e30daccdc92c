#pragma once
// Commands with a sub-command word (`scenario run`, `network build`) whose options are an
// operation's fields: the word may stand anywhere among the options.
#include <string>
#include <vector>

#include "ekm/ops/operation.h"

namespace ekm::cli {

// Removes the first argument that is neither an option nor an option's value from `argv`
// and returns it ("" when there is none). Boolean fields and --quiet take no value.
std::string takeSubcommand(std::vector<std::string>& argv, const std::vector<ops::FieldInfo>& fields);

// True when `argv` has the option --NAME (as --NAME VALUE or --NAME=VALUE).
bool hasOption(const std::vector<std::string>& argv, const std::string& name);

}  // namespace ekm::cli
