// batch/split_job.cpp: Job → the driver's split operation.
#include "batch/split_job.hpp"

#include "core/validation.hpp"
#include "http/curl_transport.hpp"

namespace recovery::batch {

std::optional<SplitClient> splittable(const RecoveryClient& client) {
  auto* split = dynamic_cast<internal::SplitConnection*>(client.connection().get());
  if (split == nullptr) return std::nullopt;
  const CurlTransportOptions* transport = internal::curl_options_of(split->pipeline().transport());
  if (transport == nullptr) return std::nullopt;
  return SplitClient{split, transport};
}

Result<internal::SplitCall<JobAnswer>> split_job(internal::SplitConnection& connection,
                                                 const Job& job) {
  const bool reset = job.operation == Operation::kRequestPasswordReset;
  if (auto error = internal::validate_field(reset ? internal::kAccountField : internal::kEmailField,
                                            job.account)) {
    error->vendor = connection.pipeline().vendor();
    return *error;
  }
  if (reset) {
    return internal::then(
        connection.split_request_password_reset(PasswordResetRequest{job.account}, job.options),
        [](ResetTicket ticket) { return JobAnswer(std::move(ticket)); });
  }
  return internal::then(
      connection.split_recover_username(UsernameRecoveryRequest{job.account}, job.options),
      [](const Acknowledgement&) { return JobAnswer(); });
}

}  // namespace recovery::batch
