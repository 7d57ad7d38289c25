// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_batch_input.cpp: libFuzzer target for the batch input readers (batch.hpp).
//
// Contract: the JSONL, CSV and auto-detecting job sources read arbitrary bytes to the end without
// crashing; every InputLine is either a job (with its key computable) or an error with a reason,
// never both and never neither, and line numbers never go backwards.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "recovery/batch.hpp"

namespace {

void drain(std::unique_ptr<recovery::JobSource> source) {
  std::size_t last = 0;
  for (int guard = 0; guard < 100000; ++guard) {
    auto line = source->next();
    if (!line) return;
    if (line->line < last) __builtin_trap();
    last = line->line;
    if (line->job.has_value() == !line->error.empty()) __builtin_trap();
    if (line->job) (void)line->job->key();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  {
    std::istringstream in(input);
    drain(recovery::make_jsonl_job_source(in));
  }
  {
    std::istringstream in(input);
    drain(recovery::make_csv_job_source(in));
  }
  {
    std::istringstream in(input);
    drain(recovery::make_job_source(in));
  }
  return 0;
}
