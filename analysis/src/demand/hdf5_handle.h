#pragma once
// Thin HDF5 C wrapper of the OMX reader/writer (private to analysis/): an owning hid_t, and
// HDF5 failures turned into core::Error with the file, the object and HDF5's own message.
// HDF5's automatic error-stack printing is switched off per thread (quietHdf5) before use.
#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

namespace ekm::demand::hdf5 {

// Switches off HDF5's error printing for the calling thread (the setting is per thread in
// thread-safe builds such as Debian's) and clears its error stack.
void quietHdf5();

// "desc of the outermost call: desc of the innermost" of this thread's HDF5 error stack, then
// clears it; empty when the stack is empty.
std::string errorStackText();

// Throws core::IoError("HDF5: <what>", file, object, found = errorStackText()).
[[noreturn]] void fail(const std::string& file, const std::string& object, const std::string& what);
inline void check(herr_t status, const std::string& file, const std::string& object, const std::string& what) {
  if (status < 0) fail(file, object, what);
}

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : m_id(id), m_closer(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : m_id(std::exchange(o.m_id, H5I_INVALID_HID)), m_closer(o.m_closer) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      m_id = std::exchange(o.m_id, H5I_INVALID_HID);
      m_closer = o.m_closer;
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t id() const { return m_id; }
  // Closes now and throws on failure (closing a dataset or file flushes data).
  void close(const std::string& file, const std::string& object) {
    const hid_t id = std::exchange(m_id, H5I_INVALID_HID);
    if (id >= 0) check(m_closer(id), file, object, "close failed");
  }

 private:
  void reset() {
    if (m_id >= 0) m_closer(m_id);
    m_id = H5I_INVALID_HID;
  }
  hid_t m_id = H5I_INVALID_HID;
  Closer m_closer = nullptr;
};

// Wraps a freshly returned id, throwing (as fail) when it is negative.
Handle own(hid_t id, Handle::Closer closer, const std::string& file, const std::string& object,
           const std::string& what);

// Names of the members of `group` that are of kind `type` (H5I_DATASET, H5I_GROUP), in
// alphabetical order; members that cannot be opened (dangling links) are left out.
std::vector<std::string> members(hid_t group, H5I_type_t type);

// True when `location` has a link `name` to an object of kind `type`.
bool hasMember(hid_t location, const std::string& name, H5I_type_t type);

// "integer", "float", "string", "compound", ... for messages.
std::string className(hid_t type);

// The strings of a string attribute or dataset of `count` elements (fixed or variable length);
// padding (NUL or space) is removed. `isAttribute` selects H5Aread or H5Dread.
std::vector<std::string> readStrings(hid_t object, bool isAttribute, hid_t fileType, std::size_t count,
                                     const std::string& file, const std::string& objectName);

}  // namespace ekm::demand::hdf5
