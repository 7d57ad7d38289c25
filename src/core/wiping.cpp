// SPDX-License-Identifier: Apache-2.0
// core/wiping.cpp: zeroing buffers that held secrets.
#include "core/wiping.hpp"

#include <cstring>  // ::explicit_bzero (glibc): a memset the optimizer may not remove

namespace recovery::internal {

void wipe_bytes(void* data, std::size_t size) noexcept {
  if (data != nullptr && size > 0) ::explicit_bzero(data, size);
}

void wipe(std::string& text) noexcept {
  // resize() within the capacity neither allocates nor throws; then every byte the buffer owns
  // is an element and may be written.
  text.resize(text.capacity());
  wipe_bytes(text.data(), text.size());
  text.clear();
}

void wipe(std::vector<std::string>& texts) noexcept {
  for (std::string& text : texts) wipe(text);
  texts.clear();
}

std::string to_plain_string(const SecretBuffer& text) {
  std::string plain;
  plain.reserve(text.size());
  plain.append(text.data(), text.size());
  return plain;
}

RequestWipe::~RequestWipe() {
  wipe(request_.url);
  for (auto& [name, value] : request_.headers.entries) wipe(value);
  wipe(request_.body);
}

// NOLINTNEXTLINE(bugprone-exception-escape): value() is read only after ok(), so it cannot throw.
void wipe_response(Result<HttpResponse>& result) noexcept {
  if (!result.ok()) return;
  HttpResponse& response = result.value();
  for (auto& [name, value] : response.headers.entries) wipe(value);
  wipe(response.body);
}

}  // namespace recovery::internal
