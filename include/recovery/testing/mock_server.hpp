// SPDX-License-Identifier: Apache-2.0
// recovery/testing/mock_server.hpp: the kit every vendor emulation is built on.
//
// Contract: a MockServer serves one vendor on 127.0.0.1 (an ephemeral port by default) from a
// background thread. It keeps a journal of every request it received (control calls excluded), an
// outbox of the e-mails the vendor would have sent, seeded accounts, and a list of faults to inject
// (delay, status, body, Retry-After, dropped connection, truncated or huge or slow body; once, N
// times or always). Everything is reachable from C++ and over HTTP under the reserved /__mock/
// prefix: GET /__mock/requests, GET /__mock/outbox, POST /__mock/faults, DELETE /__mock/faults,
// POST /__mock/accounts (one account object, or a JSON array of them stored all or none),
// DELETE /__mock/accounts/{username}, POST /__mock/signin, POST /__mock/reset, GET and POST
// /__mock/settings; the same paths answer under the base URL too ({base}/__mock/outbox). A
// control body with an unknown or mistyped member is refused (400 naming it). Each emulation has
// its own settings (Crafter's Studio version, ...): settings() lists them, set_settings() changes
// them, and they survive reset(). All methods are thread-safe.
// The journal and the outbox are bounded: each keeps only the newest journal_limit() entries
// (kDefaultJournalLimit unless set_journal_limit says otherwise; 0: unlimited), so a long run does
// not grow the mock without limit, and each request keeps at most kJournalBodyLimit bytes of its
// body there (with the body's full length); a body over 8 MiB is refused (413) without being
// kept. Each open connection (keep-alive) holds one worker thread, started when needed, up to
// max_threads() (kDefaultMaxThreads unless set_max_threads says otherwise); a mock that nobody
// talks to holds no worker. A new connection that finds every worker taken closes the
// connection that has waited longest for its next request, and takes its worker. Reading one
// request may take at most request_timeout() from its first byte (a client that trickles it in
// loses the connection), so clients that hold connections open cannot starve the others. Emulations
// keep every account's current password in accounts(), so /__mock/signin (and check_password) tell
// whether a reset really changed it, for vendors with or without a sign-in API.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "recovery/testing/export.hpp"

namespace httplib {
class Server;
}  // namespace httplib

namespace recovery::testing {

/// How many requests the journal (and mails the outbox) keeps by default: the newest ones.
inline constexpr std::size_t kDefaultJournalLimit = 10000;
/// How many connections a mock serves at once by default (one worker thread each, on demand).
inline constexpr std::size_t kDefaultMaxThreads = 256;
/// How long reading one request (line, headers and body) may take by default.
inline constexpr std::chrono::milliseconds kDefaultRequestTimeout{5000};
/// How many bytes of each request's body the journal keeps (the first ones).
inline constexpr std::size_t kJournalBodyLimit = std::size_t{64} * 1024;

/// One request an emulation received, as its journal keeps it.
struct RECOVERY_TESTING_EXPORT RecordedRequest {
  /// "GET", "POST", ...
  std::string method;
  std::string path;   ///< decoded path as routed, e.g. "/acme/users/forgotpassword"
  std::string query;  ///< raw query string without '?', as sent
  /// the request's headers, in the order received
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< the body's first kJournalBodyLimit bytes; empty for a refused body
  std::size_t body_length = 0;  ///< the body's length as received (as announced when refused)
  bool body_truncated = false;  ///< `body` holds fewer than body_length bytes
  int remote_port = 0;          ///< the client's port: equal ports mean a reused connection
  /// when the emulation received it
  std::chrono::system_clock::time_point received_at;

  /// First value of header `name` (case-insensitive), or "".
  std::string header(const std::string& name) const;
  /// The decoded value of query parameter `name`, or "".
  std::string query_param(const std::string& name) const;
  /// The decoded value of form field `name` of an urlencoded body, or "".
  std::string form_field(const std::string& name) const;
};

/// One e-mail the vendor would have sent. `fields` holds what a person would read out of it:
/// "username", "password", "key", "token", "link", ...
struct RECOVERY_TESTING_EXPORT Mail {
  /// the recipient's address
  std::string to;
  /// the subject line
  std::string subject;
  /// the text a person would read
  std::string body;
  /// what a person would read out of the mail, by name (see above)
  std::map<std::string, std::string> fields;
  /// when the emulation sent it
  std::chrono::system_clock::time_point sent_at;
};

/// A failure to inject into an emulation's answers (MockServer::inject, POST /__mock/faults): which
/// requests it matches, how many times, and what happens instead of (or before) the normal answer.
struct RECOVERY_TESTING_EXPORT Fault {
  std::string method;  ///< empty: any method
  std::string path;    ///< exact path, or a prefix ending in '*'; empty: any path
  int times = 1;       ///< how many matching requests it applies to; negative: always

  std::chrono::milliseconds delay{0};  ///< before answering (alone: the normal answer follows)
  int status = 0;                      ///< answer with this status instead of the normal handler
  /// the answer's body with `status`
  std::string body;
  /// the Content-Type of `body`
  std::string content_type = "text/plain";
  /// extra headers of the answer
  std::vector<std::pair<std::string, std::string>> headers;
  std::string retry_after;       ///< adds a Retry-After header (seconds or HTTP-date)
  bool drop_connection = false;  ///< read the request, then close without a complete answer
  bool truncate_body = false;    ///< send half of `body` under a full Content-Length, then close
  std::size_t body_bytes = 0;    ///< send a generated body of this many bytes instead of `body`
  std::chrono::milliseconds byte_interval{0};  ///< send the body one byte per interval
};

/// A Fault from its JSON form (POST /__mock/faults); throws std::invalid_argument naming an unknown
/// or mistyped member.
RECOVERY_TESTING_EXPORT Fault fault_from_json(const nlohmann::json& json);
/// The JSON form of a Fault (what fault_from_json reads).
RECOVERY_TESTING_EXPORT nlohmann::json to_json(const Fault& fault);

/// One account of an emulated vendor. In JSON (POST /__mock/accounts): "username" (required),
/// "email", "password" (strings), "attributes" (an object of strings), "enabled",
/// "email_enabled", "externally_managed" (booleans).
struct RECOVERY_TESTING_EXPORT MockAccount {
  /// the login name (required, unique)
  std::string username;
  /// the account's e-mail address; empty: none registered
  std::string email;
  /// the current password
  std::string password;
  std::map<std::string, std::string> attributes;  ///< vendor-specific extras ("id": "7")
  bool enabled = true;              ///< false: a disabled account, as the vendor treats one
  bool email_enabled = true;        ///< false: the account's e-mail is not enabled (verified)
  bool externally_managed = false;  ///< true: managed by an external identity provider
};

/// Thread-safe accounts of one emulated vendor.
class RECOVERY_TESTING_EXPORT AccountStore {
 public:
  AccountStore();
  ~AccountStore();
  AccountStore(const AccountStore&) = delete;
  AccountStore& operator=(const AccountStore&) = delete;

  /// Adds the account, or replaces the one with the same username.
  void put(MockAccount account);
  /// put() for each account in order, under one lock (bulk seeding).
  void put_many(std::vector<MockAccount> accounts);
  /// The account named `username`, or nullopt.
  std::optional<MockAccount> by_username(const std::string& username) const;
  /// The account whose e-mail address is `email`, or nullopt.
  std::optional<MockAccount> by_email(const std::string& email) const;
  /// Username or e-mail.
  std::optional<MockAccount> by_login(const std::string& login) const;
  /// Sets the account's current password; false when there is no account by that username.
  bool set_password(const std::string& username, const std::string& password);
  /// Removes the account (a deleted user); false when there is none by that username.
  bool remove(const std::string& username);
  /// Every account, by username.
  std::vector<MockAccount> list() const;
  /// Removes every account.
  void clear();
  /// How many accounts there are.
  std::size_t size() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Settings of a mock, for MockVendors and `recoveryctl mock` (see MockServer's setters).
struct RECOVERY_TESTING_EXPORT MockServerOptions {
  std::size_t journal_limit = kDefaultJournalLimit;                    ///< 0: unlimited
  std::size_t max_threads = kDefaultMaxThreads;                        ///< 0: kDefaultMaxThreads
  std::chrono::milliseconds request_timeout = kDefaultRequestTimeout;  ///< 0: the default
  /// Vendor name → setting → value, applied to that vendor's emulation (see
  /// MockServer::settings()); a setting the emulation refuses makes configure() throw.
  std::map<std::string, std::map<std::string, std::string>> vendor_settings;
};

/// One vendor's emulation on loopback: its routes, accounts, journal, outbox and fault injection
/// (see the contract above). Each vendor subclasses it; MockVendors starts them by name.
class RECOVERY_TESTING_EXPORT MockServer {
 public:
  /// A stopped emulation of `vendor` (its registry name).
  explicit MockServer(std::string vendor);
  virtual ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  /// Binds 127.0.0.1:`port` (0: ephemeral), seeds the accounts and serves in the background.
  /// Returns false when the port cannot be bound.
  bool start(int port = 0);
  /// Stops serving and joins the thread; idempotent, also done by the destructor.
  void stop();
  /// True between a successful start() and stop().
  bool running() const;

  /// The vendor's registry name.
  const std::string& vendor() const;
  /// The port it listens on, once started.
  int port() const;
  /// "http://127.0.0.1:PORT" plus the vendor's base path (e.g. "/v2", "/studio").
  std::string base_url() const;

  /// The journal, oldest first: at most journal_limit() requests, the newest ones.
  std::vector<RecordedRequest> requests() const;
  /// Requests in the journal whose path equals `path` (all when empty).
  std::size_t request_count(const std::string& path = "") const;
  /// Empties the journal.
  void clear_requests();

  /// Keeps only the newest `limit` requests in the journal and the newest `limit` mails in the
  /// outbox, dropping the oldest at once when they hold more; 0: unlimited. Default:
  /// kDefaultJournalLimit. A test that counts more requests than that sets its own limit.
  void set_journal_limit(std::size_t limit);
  /// The current journal and outbox limit (0: unlimited).
  std::size_t journal_limit() const;
  /// The most worker threads, hence connections served at once: a connection beyond them closes
  /// the connection idle the longest and takes its worker; when every connection is busy with a
  /// request it waits until one ends (each request's read is bounded by request_timeout()).
  /// Workers start on demand and stay until stop(). Takes effect at the next start(); 0:
  /// kDefaultMaxThreads.
  void set_max_threads(std::size_t threads);
  /// The current worker limit.
  std::size_t max_threads() const;
  /// The most time reading one request may take, from its first byte to its body's last; a
  /// connection whose request takes longer is closed unanswered. Takes effect for connections
  /// opened afterwards; 0: kDefaultRequestTimeout.
  void set_request_timeout(std::chrono::milliseconds timeout);
  /// The current limit on reading one request.
  std::chrono::milliseconds request_timeout() const;
  /// Applies every setting of `options` (call before start()); throws std::invalid_argument
  /// when the emulation refuses one of its vendor_settings.
  void configure(const MockServerOptions& options);

  /// The emulation's own settings with their current values (Crafter: "studio_version", ...),
  /// as documented in the README; empty for an emulation without any.
  std::map<std::string, std::string> settings() const;
  /// Changes some settings, all or none: "" when done, else why (naming the refused setting)
  /// and nothing changed. Requests in flight see either the old or the new value.
  std::string set_settings(const std::map<std::string, std::string>& changes);
  /// set_settings() for one setting.
  std::string set_setting(const std::string& name, const std::string& value);

  /// The outbox, oldest first: at most journal_limit() mails, the newest ones.
  std::vector<Mail> outbox() const;
  /// The newest mail to `address` in the outbox, or nullopt.
  std::optional<Mail> last_mail_to(const std::string& address) const;

  /// Adds a fault: the requests it matches get it, up to Fault::times.
  void inject(Fault fault);
  /// Removes every fault.
  void clear_faults();

  /// The vendor_options a client needs to talk to this emulation (MeshyDB: {"account": "demo"}).
  virtual std::map<std::string, std::string> client_options() const { return {}; }
  /// What a client passes as `account` to request_password_reset for the demo user "jane": her
  /// e-mail address by default, her username where the vendor names accounts by username.
  virtual std::string demo_login() const { return "jane@example.com"; }

  /// The emulation's accounts, to seed, inspect or change from a test.
  AccountStore& accounts();
  /// True when `login` (username or e-mail) exists and its current password is `password`.
  bool check_password(const std::string& login, const std::string& password) const;
  /// Clears journal, outbox, faults and vendor state, then seeds the demo accounts again.
  void reset();

 protected:
  /// The vendor's routes. Called once, before the server starts.
  virtual void install_routes(httplib::Server& server) = 0;
  /// The demo accounts; called by start() and reset().
  virtual void seed() {}
  /// Forgets issued tokens/keys/hashes; called by reset() before seed().
  virtual void clear_state() {}
  /// Path the vendor's API lives under on this server ("" by default).
  virtual std::string base_path() const { return ""; }
  /// The emulation's settings and their current values (none by default).
  virtual std::map<std::string, std::string> current_settings() const { return {}; }
  /// Why `value` is not valid for setting `name`, or "" when it is (the default knows none:
  /// "unknown setting 'NAME'").
  virtual std::string check_setting(const std::string& name, const std::string& value) const;
  /// Applies a checked setting; may run while requests are in flight.
  virtual void apply_setting(const std::string& name, const std::string& value);

  /// Puts a mail into the outbox (what the vendor would have sent).
  void send_mail(Mail mail);
  /// Sleeps like a slow vendor for `duration`, waking early when the server stops.
  void pause(std::chrono::milliseconds duration);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace recovery::testing
