#include "support/pg_server.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace ekm_test {

namespace fs = std::filesystem;

namespace {

const char* kBinDir = "/usr/lib/postgresql/15/bin";

// Runs a shell command; its exit status and output (stdout and stderr).
int run(const std::string& command, std::string* output = nullptr) {
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buffer{};
  std::string out;
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::unique_ptr<PgServer> PgServer::start(std::string& whyNot) {
  if (!fs::exists(fs::path(kBinDir) / "initdb") || !fs::exists(fs::path(kBinDir) / "pg_ctl")) {
    whyNot = "PostgreSQL 15 is not installed (postgresql-15; scripts/setup-deps.sh installs it)";
    return nullptr;
  }
  if (!fs::exists("/usr/share/postgresql/15/extension/postgis.control")) {
    whyNot = "PostGIS is not installed (postgresql-15-postgis-3; scripts/setup-deps.sh installs it)";
    return nullptr;
  }
  std::unique_ptr<PgServer> s(new PgServer);
  s->m_bin = kBinDir;
  std::random_device rd;
  s->m_dir = (fs::temp_directory_path() / ("ekm_pg_" + std::to_string(::getpid()) + "_" + std::to_string(rd() % 100000))).string();
  fs::create_directories(s->m_dir);
  s->m_port = 20000 + static_cast<int>(rd() % 20000);  // names the socket file only
  if (::geteuid() == 0) {
    s->m_runAs = "runuser -u nobody -- ";
    run("chown nobody " + quote(s->m_dir));
  }
  const std::string data = s->m_dir + "/data";
  std::string out;
  if (run(s->m_runAs + s->m_bin + "/initdb -D " + quote(data) + " -U ekm -A trust -E UTF8 --no-locale", &out) != 0)
    throw std::runtime_error("initdb failed: " + out);
  const std::string options = "-k " + s->m_dir + " -p " + std::to_string(s->m_port) + " -c listen_addresses= -c fsync=off";
  if (run(s->m_runAs + s->m_bin + "/pg_ctl -D " + quote(data) + " -l " + quote(s->m_dir + "/log") + " -w -o " +
              quote(options) + " start",
          &out) != 0)
    throw std::runtime_error("pg_ctl start failed: " + out);
  s->psql("CREATE EXTENSION postgis");
  return s;
}

PgServer::~PgServer() {
  run(m_runAs + m_bin + "/pg_ctl -D " + quote(m_dir + "/data") + " -m immediate -w stop");
  std::error_code ec;
  fs::remove_all(m_dir, ec);
}

std::string PgServer::location(const std::string& schema) const {
  return "host=" + m_dir + " port=" + std::to_string(m_port) + " user=ekm dbname=postgres schema=" + schema;
}

std::string PgServer::psql(const std::string& sql) const {
  std::string out;
  const std::string command = "psql -X -q -t -A -v ON_ERROR_STOP=1 -h " + quote(m_dir) + " -p " + std::to_string(m_port) +
                              " -U ekm -d postgres -c " + quote(sql);
  if (run(command, &out) != 0) throw std::runtime_error("psql failed: " + out);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace ekm_test
