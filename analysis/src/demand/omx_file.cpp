#include "ekm/demand/omx_file.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>
#include <unistd.h>

#include "ekm/core/error.h"
#include "hdf5_handle.h"

namespace ekm::demand {

namespace fs = std::filesystem;
using core::ErrorContext;
using hdf5::Handle;
using hdf5::own;

namespace {

constexpr const char* kOmxVersion = "0.2";

ErrorContext where(const std::string& file, const std::string& object, const std::string& expected = "",
                   const std::string& found = "") {
  return ErrorContext{file, std::nullopt, std::nullopt, object, expected, found};
}

std::string joined(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::string dimsText(long long rows, long long cols) { return std::to_string(rows) + " x " + std::to_string(cols); }

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string numberText(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back as v
  return std::string(buf, r.ptr);
}

bool equalsIgnoringCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// ---- reading ------------------------------------------------------------------------

Handle openForReading(const std::string& path) {
  hdf5::quietHdf5();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw core::IoError("cannot open the OMX file",
                        where(path, "", "an OMX (HDF5) file", fs::is_directory(path, ec) ? "a folder" : "no such file"));
  const htri_t is = H5Fis_hdf5(path.c_str());
  if (is < 0) hdf5::fail(path, "", "cannot read the file");
  if (is == 0)
    throw core::ParseError("not an HDF5 file (OMX matrices are HDF5 files)",
                           where(path, "", "an HDF5 file (OpenMatrix)", "no HDF5 signature"));
  return own(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, path, "", "cannot open the file");
}

std::optional<std::string> stringAttribute(hid_t object, const char* name, const std::string& file) {
  if (H5Aexists(object, name) <= 0) return std::nullopt;
  const Handle a = own(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, file, name, "cannot open the attribute");
  const Handle t = own(H5Aget_type(a.id()), H5Tclose, file, name, "cannot read the attribute type");
  if (H5Tget_class(t.id()) != H5T_STRING)
    throw core::ParseError("attribute is not a string", where(file, name, "a string", hdf5::className(t.id())));
  const Handle s = own(H5Aget_space(a.id()), H5Sclose, file, name, "cannot read the attribute space");
  const auto count = H5Sget_simple_extent_npoints(s.id());
  if (count != 1)
    throw core::ParseError("attribute must hold one string", where(file, name, "1 value", std::to_string(count)));
  return hdf5::readStrings(a.id(), true, t.id(), 1, file, name).front();
}

// SHAPE (rows, cols) of the root, if present.
std::optional<std::array<long long, 2>> shapeAttribute(hid_t root, const std::string& file) {
  if (H5Aexists(root, "SHAPE") <= 0) return std::nullopt;
  const Handle a = own(H5Aopen(root, "SHAPE", H5P_DEFAULT), H5Aclose, file, "SHAPE", "cannot open the attribute");
  const Handle t = own(H5Aget_type(a.id()), H5Tclose, file, "SHAPE", "cannot read the attribute type");
  if (H5Tget_class(t.id()) != H5T_INTEGER)
    throw core::ParseError("SHAPE must be integers", where(file, "SHAPE", "2 integers", hdf5::className(t.id())));
  const Handle s = own(H5Aget_space(a.id()), H5Sclose, file, "SHAPE", "cannot read the attribute space");
  const auto count = H5Sget_simple_extent_npoints(s.id());
  if (count != 2)
    throw core::ParseError("SHAPE must hold two integers (rows, columns)",
                           where(file, "SHAPE", "2 values", std::to_string(count)));
  std::array<long long, 2> v{};
  hdf5::check(H5Aread(a.id(), H5T_NATIVE_LLONG, v.data()), file, "SHAPE", "cannot read the attribute");
  return v;
}

std::string chooseMatrix(const std::vector<std::string>& names, const std::string& wanted, const std::string& file) {
  const std::string name = wanted.empty() ? "trips" : wanted;
  if (std::find(names.begin(), names.end(), name) != names.end()) return name;
  if (wanted.empty() && names.size() == 1) return names.front();
  throw core::ValidationError("no such matrix in the OMX file",
                              where(file, "/data/" + name, "one of the matrices: " + joined(names), name));
}

std::optional<std::string> chooseLookup(const std::vector<std::string>& names, const std::string& wanted,
                                        const std::string& file) {
  if (!wanted.empty()) {
    if (std::find(names.begin(), names.end(), wanted) != names.end()) return wanted;
    throw core::ValidationError("no such lookup in the OMX file",
                                where(file, "/lookup/" + wanted, "one of the lookups: " + joined(names), wanted));
  }
  if (names.empty()) return std::nullopt;
  if (names.size() == 1) return names.front();
  for (const char* preferred : {"zone_id", "zone", "zones", "taz"})
    for (const auto& n : names)
      if (equalsIgnoringCase(n, preferred)) return n;
  throw core::ValidationError("several lookups and none is named like a zone id; choose one",
                              where(file, "/lookup", "zone_id, zone, zones, taz or a chosen lookup", joined(names)));
}

std::string integralText(double v, const std::string& file, const std::string& object) {
  if (!std::isfinite(v) || v != std::floor(v) || std::abs(v) > 9.0e15)
    throw core::ParseError("floating-point lookup values must be whole numbers", where(file, object, "whole numbers", numberText(v)));
  return std::to_string(static_cast<long long>(v));
}

std::vector<std::string> readLookup(hid_t lookups, const std::string& name, long long n, const std::string& file) {
  const std::string object = "/lookup/" + name;
  const Handle d = own(H5Dopen2(lookups, name.c_str(), H5P_DEFAULT), H5Dclose, file, object, "cannot open the lookup");
  const Handle t = own(H5Dget_type(d.id()), H5Tclose, file, object, "cannot read the lookup type");
  const Handle s = own(H5Dget_space(d.id()), H5Sclose, file, object, "cannot read the lookup space");
  const int rank = H5Sget_simple_extent_ndims(s.id());
  hsize_t len = 0;
  if (rank != 1 || H5Sget_simple_extent_dims(s.id(), &len, nullptr) != 1)
    throw core::ParseError("a lookup must be 1-D", where(file, object, "1 dimension", std::to_string(rank)));
  if (static_cast<long long>(len) != n)
    throw core::ValidationError("lookup length differs from the matrix size",
                                where(file, object, std::to_string(n) + " zone ids", std::to_string(len)));
  std::vector<std::string> ids;
  switch (H5Tget_class(t.id())) {
    case H5T_INTEGER: {
      std::vector<long long> v(len);
      if (len) hdf5::check(H5Dread(d.id(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), file, object, "cannot read the lookup");
      for (long long x : v) ids.push_back(std::to_string(x));
      break;
    }
    case H5T_FLOAT: {
      std::vector<double> v(len);
      if (len) hdf5::check(H5Dread(d.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), file, object, "cannot read the lookup");
      for (double x : v) ids.push_back(integralText(x, file, object));
      break;
    }
    case H5T_STRING:
      for (auto& s : hdf5::readStrings(d.id(), false, t.id(), len, file, object)) ids.push_back(trimmed(s));
      break;
    default:
      throw core::ParseError("lookup values must be integers or strings",
                             where(file, object, "integer or string zone ids", hdf5::className(t.id())));
  }
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (id.empty()) throw core::ValidationError("empty zone id in the lookup", where(file, object, "a zone id", ""));
    if (!seen.insert(id).second) throw core::ValidationError("zone ids must be unique", where(file, object, "each zone once", id));
  }
  return ids;
}

// ---- writing ------------------------------------------------------------------------

bool isInt32Text(const std::string& s) {
  std::int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size() && v >= INT32_MIN && v <= INT32_MAX &&
         std::to_string(v) == s;  // canonical: no '+', no leading zeros, so the id survives a round trip
}

Handle fixedStringType(std::size_t size, const std::string& file, const std::string& object) {
  Handle t = own(H5Tcopy(H5T_C_S1), H5Tclose, file, object, "cannot make a string type");
  hdf5::check(H5Tset_size(t.id(), std::max<std::size_t>(size, 1)), file, object, "cannot size the string type");
  hdf5::check(H5Tset_strpad(t.id(), H5T_STR_NULLPAD), file, object, "cannot pad the string type");
  hdf5::check(H5Tset_cset(t.id(), H5T_CSET_UTF8), file, object, "cannot set UTF-8");
  return t;
}

void writeStringAttribute(hid_t object, const std::string& name, const std::string& value, const std::string& file) {
  const Handle t = fixedStringType(value.size(), file, name);
  const Handle s = own(H5Screate(H5S_SCALAR), H5Sclose, file, name, "cannot make a dataspace");
  const Handle a = own(H5Acreate2(object, name.c_str(), t.id(), s.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, file, name,
                       "cannot create the attribute");
  std::string buf = value;
  buf.resize(std::max<std::size_t>(value.size(), 1), '\0');
  hdf5::check(H5Awrite(a.id(), t.id(), buf.data()), file, name, "cannot write the attribute");
}

void writeShape(hid_t root, std::size_t n, const std::string& file) {
  const hsize_t two = 2;
  const std::array<std::int32_t, 2> shape{static_cast<std::int32_t>(n), static_cast<std::int32_t>(n)};
  const Handle s = own(H5Screate_simple(1, &two, nullptr), H5Sclose, file, "SHAPE", "cannot make a dataspace");
  const Handle a = own(H5Acreate2(root, "SHAPE", H5T_STD_I32LE, s.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, file,
                       "SHAPE", "cannot create the attribute");
  hdf5::check(H5Awrite(a.id(), H5T_NATIVE_INT32, shape.data()), file, "SHAPE", "cannot write the attribute");
}

void writeMatrix(hid_t data, const std::string& name, const OdMatrix& m, const std::string& file) {
  const std::string object = "/data/" + name;
  const auto n = static_cast<hsize_t>(m.zoneCount());
  const std::array<hsize_t, 2> dims{n, n};
  const Handle s = own(H5Screate_simple(2, dims.data(), nullptr), H5Sclose, file, object, "cannot make a dataspace");
  const Handle p = own(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, file, object, "cannot make a property list");
  if (n > 0) {
    const std::array<hsize_t, 2> chunk{std::min<hsize_t>(n, 256), std::min<hsize_t>(n, 256)};
    hdf5::check(H5Pset_chunk(p.id(), 2, chunk.data()), file, object, "cannot set chunks");
    hdf5::check(H5Pset_deflate(p.id(), 4), file, object, "cannot set compression");
  }
  Handle d = own(H5Dcreate2(data, name.c_str(), H5T_IEEE_F64LE, s.id(), H5P_DEFAULT, p.id(), H5P_DEFAULT), H5Dclose,
                 file, object, "cannot create the matrix");
  if (n > 0)
    hdf5::check(H5Dwrite(d.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.values().data()), file, object,
                "cannot write the matrix");
  d.close(file, object);
}

void writeLookup(hid_t lookup, const std::vector<std::string>& zoneIds, const std::string& file) {
  const std::string object = "/lookup/zone_id";
  const hsize_t n = zoneIds.size();
  const Handle s = own(H5Screate_simple(1, &n, nullptr), H5Sclose, file, object, "cannot make a dataspace");
  const bool integers = std::all_of(zoneIds.begin(), zoneIds.end(), isInt32Text);
  Handle d;
  if (integers) {
    std::vector<std::int32_t> v;
    for (const auto& z : zoneIds) v.push_back(static_cast<std::int32_t>(std::stol(z)));
    d = own(H5Dcreate2(lookup, "zone_id", H5T_STD_I32LE, s.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose, file,
            object, "cannot create the lookup");
    if (n) hdf5::check(H5Dwrite(d.id(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), file, object, "cannot write the lookup");
  } else {
    std::size_t size = 1;
    for (const auto& z : zoneIds) size = std::max(size, z.size());
    const Handle t = fixedStringType(size, file, object);
    std::vector<char> buf(size * n, '\0');
    for (std::size_t k = 0; k < n; ++k) std::copy(zoneIds[k].begin(), zoneIds[k].end(), buf.begin() + k * size);
    d = own(H5Dcreate2(lookup, "zone_id", t.id(), s.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose, file, object,
            "cannot create the lookup");
    if (n) hdf5::check(H5Dwrite(d.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), file, object, "cannot write the lookup");
  }
  d.close(file, object);
}

void checkWritable(const std::vector<std::string>& zoneIds, const std::map<std::string, OdMatrix>& matrices,
                   const std::map<std::string, std::string>& attributes, const std::string& path) {
  const auto n = zoneIds.size();
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw core::ValidationError("too many zones for OMX", where(path, "SHAPE", "<= 2^31-1 zones", std::to_string(n)));
  std::set<std::string> seen;
  for (const auto& z : zoneIds) {
    if (z.empty()) throw core::ValidationError("empty zone id", where(path, "/lookup/zone_id", "a zone id", ""));
    if (!seen.insert(z).second) throw core::ValidationError("zone ids must be unique", where(path, "/lookup/zone_id", "each zone once", z));
  }
  for (const auto& [name, m] : matrices) {
    if (static_cast<std::size_t>(m.zoneCount()) != n)
      throw core::ValidationError("matrix size differs from the zone list",
                                  where(path, "/data/" + name, std::to_string(n), std::to_string(m.zoneCount())));
    if (name.empty() || name == "." || name.find('/') != std::string::npos)
      throw core::Error(core::ErrorCode::Usage, "bad matrix name", where("", "matrix", "a name without '/'", name));
  }
  for (const auto& [k, v] : attributes)
    if (k.empty() || k == "OMX_VERSION" || k == "SHAPE")
      throw core::Error(core::ErrorCode::Usage, "reserved or empty attribute name",
                        where("", "attribute", "a name other than OMX_VERSION and SHAPE", k));
}

}  // namespace

// ---- public -----------------------------------------------------------------------

bool isHdf5File(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  hdf5::quietHdf5();
  const htri_t r = H5Fis_hdf5(path.c_str());
  H5Eclear2(H5E_DEFAULT);
  return r > 0;
}

OmxContents omxContents(const std::string& path) {
  const Handle f = openForReading(path);
  OmxContents c;
  c.version = stringAttribute(f.id(), "OMX_VERSION", path).value_or("");
  if (hdf5::hasMember(f.id(), "data", H5I_GROUP)) {
    const Handle g = own(H5Gopen2(f.id(), "data", H5P_DEFAULT), H5Gclose, path, "/data", "cannot open the group");
    c.matrices = hdf5::members(g.id(), H5I_DATASET);
  }
  if (hdf5::hasMember(f.id(), "lookup", H5I_GROUP)) {
    const Handle g = own(H5Gopen2(f.id(), "lookup", H5P_DEFAULT), H5Gclose, path, "/lookup", "cannot open the group");
    c.lookups = hdf5::members(g.id(), H5I_DATASET);
  }
  return c;
}

NamedOdMatrix readOmx(const std::string& path, const OmxReadOptions& options) {
  const Handle f = openForReading(path);
  if (!hdf5::hasMember(f.id(), "data", H5I_GROUP))
    throw core::ParseError("not an OMX file: no /data group", where(path, "/data", "a group of matrices", "absent"));
  const Handle data = own(H5Gopen2(f.id(), "data", H5P_DEFAULT), H5Gclose, path, "/data", "cannot open the group");
  const std::string name = chooseMatrix(hdf5::members(data.id(), H5I_DATASET), options.matrix, path);
  const std::string object = "/data/" + name;

  const Handle d = own(H5Dopen2(data.id(), name.c_str(), H5P_DEFAULT), H5Dclose, path, object, "cannot open the matrix");
  const Handle t = own(H5Dget_type(d.id()), H5Tclose, path, object, "cannot read the matrix type");
  const auto cls = H5Tget_class(t.id());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT)
    throw core::ParseError("matrix values are not numbers", where(path, object, "an integer or floating-point dataset", hdf5::className(t.id())));
  const Handle s = own(H5Dget_space(d.id()), H5Sclose, path, object, "cannot read the matrix space");
  const int rank = H5Sget_simple_extent_ndims(s.id());
  if (rank != 2) throw core::ParseError("a matrix must be 2-D", where(path, object, "2 dimensions", std::to_string(rank)));
  std::array<hsize_t, 2> dims{};
  H5Sget_simple_extent_dims(s.id(), dims.data(), nullptr);
  const auto rows = static_cast<long long>(dims[0]), cols = static_cast<long long>(dims[1]);
  if (const auto shape = shapeAttribute(f.id(), path); shape && ((*shape)[0] != rows || (*shape)[1] != cols))
    throw core::ValidationError("the root SHAPE attribute differs from the dims of " + object,
                                where(path, "SHAPE", dimsText(rows, cols) + " (as " + object + ")",
                                      dimsText((*shape)[0], (*shape)[1])));
  if (rows != cols) throw core::ValidationError("an OD matrix must be square", where(path, object, "rows = columns", dimsText(rows, cols)));
  if (rows > std::numeric_limits<int>::max() / 2)
    throw core::ValidationError("matrix too large", where(path, object, "fewer zones", std::to_string(rows)));

  NamedOdMatrix out;
  const int n = static_cast<int>(rows);
  if (hdf5::hasMember(f.id(), "lookup", H5I_GROUP)) {
    const Handle g = own(H5Gopen2(f.id(), "lookup", H5P_DEFAULT), H5Gclose, path, "/lookup", "cannot open the group");
    if (const auto lookup = chooseLookup(hdf5::members(g.id(), H5I_DATASET), options.lookup, path))
      out.zoneIds = readLookup(g.id(), *lookup, rows, path);
  } else if (!options.lookup.empty()) {
    throw core::ValidationError("no such lookup in the OMX file", where(path, "/lookup/" + options.lookup, "a /lookup group", "absent"));
  }
  if (out.zoneIds.empty())
    for (int i = 1; i <= n; ++i) out.zoneIds.push_back(std::to_string(i));

  out.matrix = OdMatrix(n);
  // OdMatrix keeps its cells row-major and contiguous (origin * n + destination), as HDF5 does.
  if (n > 0)
    hdf5::check(H5Dread(d.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &out.matrix(0, 0)), path, object,
                "cannot read the matrix");
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double v = out.matrix(i, j);
      if (!std::isfinite(v) || v < 0)
        throw core::ValidationError("trips must be finite and >= 0",
                                    where(path, object, "finite, >= 0",
                                          numberText(v) + " at origin " + out.zoneIds[i] + ", destination " +
                                              out.zoneIds[j] + " (row " + std::to_string(i) + ", column " +
                                              std::to_string(j) + ")"));
    }
  return out;
}

void writeOmx(const std::string& path, const std::vector<std::string>& zoneIds,
              const std::map<std::string, OdMatrix>& matrices, const std::map<std::string, std::string>& attributes) {
  checkWritable(zoneIds, matrices, attributes, path);
  hdf5::quietHdf5();
  // Written beside the target and renamed at the end: a failure leaves the old file (or none).
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  struct RemoveUnlessDone {
    const std::string& p;
    bool done = false;
    ~RemoveUnlessDone() {
      std::error_code ec;
      if (!done) fs::remove(p, ec);
    }
  } cleanup{tmp};
  {
    Handle f = own(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, path, "",
                   "cannot create the file");
    writeStringAttribute(f.id(), "OMX_VERSION", kOmxVersion, path);
    writeShape(f.id(), zoneIds.size(), path);
    for (const auto& [k, v] : attributes) writeStringAttribute(f.id(), k, v, path);
    {
      Handle data = own(H5Gcreate2(f.id(), "data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, path, "/data",
                        "cannot create the group");
      for (const auto& [name, m] : matrices) writeMatrix(data.id(), name, m, path);
      data.close(path, "/data");
      Handle lookup = own(H5Gcreate2(f.id(), "lookup", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, path,
                          "/lookup", "cannot create the group");
      writeLookup(lookup.id(), zoneIds, path);
      lookup.close(path, "/lookup");
    }
    f.close(path, "");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw core::IoError("cannot write: " + ec.message(), where(path, ""));
  cleanup.done = true;
}

}  // namespace ekm::demand
