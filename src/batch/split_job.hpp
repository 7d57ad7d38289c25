// batch/split_job.hpp: a batch Job as a SplitCall, for the event-driven runner (internal).
//
// Contract: split_job validates the job's account exactly as RecoveryClient does for the job's
// operation (same invalid_argument errors, vendor set) and returns the driver's split form of it,
// whose read yields the ResetTicket of request_password_reset and nothing for recover_username.
// splittable tells whether a client can go through the batch's multi handle: its driver has split
// forms and its pipeline uses the SDK's libcurl transport.
#pragma once

#include <optional>

#include "core/split_connection.hpp"
#include "recovery/batch.hpp"

namespace recovery::batch {

using JobAnswer = std::optional<ResetTicket>;
using JobAnswerResult = Result<JobAnswer>;

/// A client the event loop can drive: its split driver and its libcurl transport's options.
struct SplitClient {
  internal::SplitConnection* connection = nullptr;
  const CurlTransportOptions* transport = nullptr;
};

/// The split form of `client`, or nullopt when its driver has none or it does not send through
/// the SDK's libcurl transport.
std::optional<SplitClient> splittable(const RecoveryClient& client);

Result<internal::SplitCall<JobAnswer>> split_job(internal::SplitConnection& connection,
                                                 const Job& job);

}  // namespace recovery::batch
