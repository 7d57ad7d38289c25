// batch/split_job.hpp: a batch Job as a SplitCall, for the event-driven runner (internal).
//
// Contract: split_job validates the job's account exactly as RecoveryClient does for the job's
// operation (same invalid_argument errors, vendor set) and returns the driver's split form of it,
// whose read yields the ResetTicket of request_password_reset and nothing for recover_username.
// sends_through_libcurl tells whether a client can go through the batch's multi handle: its
// driver has split forms and its pipeline uses the SDK's libcurl transport.
#pragma once

#include <optional>

#include "core/split_connection.hpp"
#include "recovery/batch.hpp"

namespace recovery::batch {

using JobAnswer = std::optional<ResetTicket>;
using JobAnswerResult = Result<JobAnswer>;

/// The split driver of `client`, or nullptr when it has none or does not send through libcurl.
internal::SplitConnection* splittable(const RecoveryClient& client);

Result<internal::SplitCall<JobAnswer>> split_job(internal::SplitConnection& connection,
                                                 const Job& job);

}  // namespace recovery::batch
