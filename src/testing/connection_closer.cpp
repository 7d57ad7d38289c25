// testing/connection_closer.cpp: find this process's sockets on a local port through /proc.
#include "testing/connection_closer.hpp"

#include <dirent.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace recovery::testing::internal {
namespace {

// Inodes of established sockets whose local port is `port`, from /proc/self/net/tcp{,6}.
std::set<std::string> established_inodes(int port) {
  std::set<std::string> inodes;
  for (const char* table : {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
      fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >>
          timeout >> inode;
      const auto colon = local.rfind(':');
      if (colon == std::string::npos || state != "01") continue;  // 01: ESTABLISHED
      if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) inodes.insert(inode);
    }
  }
  return inodes;
}

}  // namespace

void shutdown_server_connections(int port) {
  if (port <= 0) return;
  const std::set<std::string> inodes = established_inodes(port);
  if (inodes.empty()) return;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return;
  while (dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    char target[128] = {0};
    const std::string path = "/proc/self/fd/" + name;
    const ssize_t n = readlink(path.c_str(), target, sizeof(target) - 1);
    if (n <= 0) continue;
    const std::string link(target, static_cast<std::size_t>(n));
    // "socket:[12345]"
    if (link.rfind("socket:[", 0) != 0 || link.back() != ']') continue;
    if (inodes.count(link.substr(8, link.size() - 9)) == 0) continue;
    shutdown(std::stoi(name), SHUT_RDWR);
  }
  closedir(dir);
}

}  // namespace recovery::testing::internal
