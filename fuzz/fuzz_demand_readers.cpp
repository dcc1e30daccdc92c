// Demand readers: TNTP network/trips/flows/nodes, OD and cost CSV, trip ends, OMX
// (HDF5), picked by the first byte.
#include "ekm/demand/od_io.h"
#include "ekm/demand/omx_file.h"
#include "ekm/demand/tntp.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string path = ekm_fuzz::asFile(data + 1, size - 1, "in.dat");
  ekm_fuzz::refusalsOnly([&] {
    switch (data[0] % 7) {
      case 0: ekm::demand::readTntpNetwork(path); break;
      case 1: ekm::demand::readTntpTrips(path); break;
      case 2: ekm::demand::readTntpFlows(path); break;
      case 3: ekm::demand::readTntpNodes(path); break;
      case 4: ekm::demand::readOdCsv(path); break;
      case 5: ekm::demand::readTripEndsCsv(path); break;
      default: ekm::demand::readOmx(path); break;
    }
  });
  return 0;
}
