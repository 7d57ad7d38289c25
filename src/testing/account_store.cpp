// testing/account_store.cpp: the thread-safe accounts of an emulated vendor.
#include <mutex>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing {

struct AccountStore::State {
  mutable std::mutex mutex;
  std::map<std::string, MockAccount> by_username;
};

AccountStore::AccountStore() : state_(std::make_unique<State>()) {}
AccountStore::~AccountStore() = default;

void AccountStore::put(MockAccount account) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->by_username[account.username] = std::move(account);
}

std::optional<MockAccount> AccountStore::by_username(const std::string& username) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto it = state_->by_username.find(username);
  if (it == state_->by_username.end()) return std::nullopt;
  return it->second;
}

std::optional<MockAccount> AccountStore::by_email(const std::string& email) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (const auto& [name, account] : state_->by_username) {
    if (!email.empty() && account.email == email) return account;
  }
  return std::nullopt;
}

std::optional<MockAccount> AccountStore::by_login(const std::string& login) const {
  if (auto account = by_username(login)) return account;
  return by_email(login);
}

bool AccountStore::set_password(const std::string& username, const std::string& password) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto it = state_->by_username.find(username);
  if (it == state_->by_username.end()) return false;
  it->second.password = password;
  return true;
}

void AccountStore::clear() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->by_username.clear();
}

std::size_t AccountStore::size() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->by_username.size();
}

}  // namespace recovery::testing
