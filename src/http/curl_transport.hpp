// http/curl_transport.hpp: what the batch engine needs to know of the default transport
// (internal).
//
// Contract: curl_options_of returns the options `transport` was built with when it is the SDK's
// libcurl transport (make_curl_transport), nullptr for any other Transport. Requests a multi
// handle sends for such a transport must behave as if it had sent them: same options, same
// easy-handle code (http/curl_handle.hpp).
#pragma once

#include "recovery/transport.hpp"

namespace recovery::internal {

const CurlTransportOptions* curl_options_of(const Transport& transport);

}  // namespace recovery::internal
