// testing/connection_closer.hpp: ends a stopping mock's idle keep-alive connections at once.
//
// Contract: shuts down (without closing) every established TCP socket of this process whose local
// port is `port`, so cpp-httplib's workers leave their keep-alive wait immediately instead of after
// its 5 s timeout. Linux only (/proc); elsewhere it does nothing and stopping is merely slower.
#pragma once

namespace recovery::testing::internal {

void shutdown_server_connections(int port);

}  // namespace recovery::testing::internal
