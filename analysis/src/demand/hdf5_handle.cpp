#include "hdf5_handle.h"

#include <algorithm>
#include <cstring>

#include "ekm/core/error.h"

namespace ekm::demand::hdf5 {

void quietHdf5() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  H5Eclear2(H5E_DEFAULT);
}

namespace {

struct StackText {
  std::string outer, inner;
};

herr_t collect(unsigned n, const H5E_error2_t* e, void* data) {
  auto* t = static_cast<StackText*>(data);
  const std::string desc = e->desc ? e->desc : "";
  if (n == 0) t->outer = desc;
  t->inner = desc;
  return 0;
}

herr_t collectName(hid_t group, const char* name, const H5L_info_t*, void* data) {
  auto* acc = static_cast<std::pair<H5I_type_t, std::vector<std::string>>*>(data);
  const hid_t o = H5Oopen(group, name, H5P_DEFAULT);
  if (o < 0) return 0;  // dangling soft or external link
  if (H5Iget_type(o) == acc->first) acc->second.emplace_back(name);
  H5Oclose(o);
  return 0;
}

}  // namespace

std::string errorStackText() {
  StackText t;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &t);
  H5Eclear2(H5E_DEFAULT);
  if (t.outer.empty() || t.outer == t.inner) return t.inner;
  return t.outer + ": " + t.inner;
}

void fail(const std::string& file, const std::string& object, const std::string& what) {
  const std::string stack = errorStackText();
  throw core::IoError("HDF5: " + what,
                      core::ErrorContext{file, std::nullopt, std::nullopt, object, "", stack.empty() ? "" : stack});
}

Handle own(hid_t id, Handle::Closer closer, const std::string& file, const std::string& object,
           const std::string& what) {
  if (id < 0) fail(file, object, what);
  return Handle(id, closer);
}

std::vector<std::string> members(hid_t group, H5I_type_t type) {
  std::pair<H5I_type_t, std::vector<std::string>> acc{type, {}};
  H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collectName, &acc);
  H5Eclear2(H5E_DEFAULT);
  return acc.second;
}

bool hasMember(hid_t location, const std::string& name, H5I_type_t type) {
  if (H5Lexists(location, name.c_str(), H5P_DEFAULT) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  const hid_t o = H5Oopen(location, name.c_str(), H5P_DEFAULT);
  if (o < 0) {
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  const bool ok = H5Iget_type(o) == type;
  H5Oclose(o);
  return ok;
}

std::string className(hid_t type) {
  switch (H5Tget_class(type)) {
    case H5T_INTEGER: return "integer";
    case H5T_FLOAT: return "float";
    case H5T_STRING: return "string";
    case H5T_BITFIELD: return "bitfield";
    case H5T_OPAQUE: return "opaque";
    case H5T_COMPOUND: return "compound";
    case H5T_REFERENCE: return "reference";
    case H5T_ENUM: return "enum";
    case H5T_VLEN: return "variable-length sequence";
    case H5T_ARRAY: return "array";
    default: return "unknown type";
  }
}

std::vector<std::string> readStrings(hid_t object, bool isAttribute, hid_t fileType, std::size_t count,
                                     const std::string& file, const std::string& objectName) {
  // The file type itself as memory type: same size, padding and character set, so HDF5 copies
  // the bytes unchanged (UTF-8 stays UTF-8).
  const Handle mem = own(H5Tcopy(fileType), H5Tclose, file, objectName, "cannot copy the string type");
  const auto read = [&](void* buf) {
    const herr_t r = isAttribute ? H5Aread(object, mem.id(), buf)
                                 : H5Dread(object, mem.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
    check(r, file, objectName, "cannot read strings");
  };
  std::vector<std::string> out;
  out.reserve(count);
  if (H5Tis_variable_str(fileType) > 0) {
    std::vector<char*> ptrs(count, nullptr);
    if (count) read(ptrs.data());
    for (char* p : ptrs) {
      out.emplace_back(p ? p : "");
      H5free_memory(p);
    }
    return out;
  }
  const std::size_t size = H5Tget_size(fileType);
  if (size == 0) fail(file, objectName, "string type of size 0");
  std::vector<char> buf(size * count, '\0');
  if (count) read(buf.data());
  for (std::size_t k = 0; k < count; ++k) {
    const char* s = buf.data() + k * size;
    std::size_t len = std::find(s, s + size, '\0') - s;
    while (len > 0 && s[len - 1] == ' ') --len;  // H5T_STR_SPACEPAD
    out.emplace_back(s, len);
  }
  return out;
}

}  // namespace ekm::demand::hdf5
