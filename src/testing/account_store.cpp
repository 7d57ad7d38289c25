// SPDX-License-Identifier: Apache-2.0
// testing/account_store.cpp: the thread-safe accounts of an emulated vendor.
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "recovery/testing/mock_server.hpp"

namespace recovery::testing {

struct AccountStore::State {
  mutable std::mutex mutex;
  std::map<std::string, MockAccount> by_username;
  // E-mail → username, so logins by e-mail do not scan every account (bulk runs seed 10^5).
  // When two accounts share an address, the one stored last answers for it.
  std::unordered_map<std::string, std::string> username_by_email;

  // Stores or replaces `account` (the caller holds `mutex`).
  void put(MockAccount account) {
    auto& slot = by_username[account.username];
    if (!slot.email.empty()) {
      auto it = username_by_email.find(slot.email);
      if (it != username_by_email.end() && it->second == account.username) {
        username_by_email.erase(it);
      }
    }
    if (!account.email.empty()) username_by_email[account.email] = account.username;
    slot = std::move(account);
  }
};

AccountStore::AccountStore() : state_(std::make_unique<State>()) {}
AccountStore::~AccountStore() = default;

void AccountStore::put(MockAccount account) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->put(std::move(account));
}

void AccountStore::put_many(std::vector<MockAccount> accounts) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (auto& account : accounts) state_->put(std::move(account));
}

std::optional<MockAccount> AccountStore::by_username(const std::string& username) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto it = state_->by_username.find(username);
  if (it == state_->by_username.end()) return std::nullopt;
  return it->second;
}

std::optional<MockAccount> AccountStore::by_email(const std::string& email) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto name = state_->username_by_email.find(email);
  if (email.empty() || name == state_->username_by_email.end()) return std::nullopt;
  return state_->by_username.at(name->second);
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

bool AccountStore::remove(const std::string& username) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  const auto it = state_->by_username.find(username);
  if (it == state_->by_username.end()) return false;
  const auto email = state_->username_by_email.find(it->second.email);
  if (email != state_->username_by_email.end() && email->second == username) {
    state_->username_by_email.erase(email);
  }
  state_->by_username.erase(it);
  return true;
}

std::vector<MockAccount> AccountStore::list() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  std::vector<MockAccount> accounts;
  accounts.reserve(state_->by_username.size());
  for (const auto& [name, account] : state_->by_username) accounts.push_back(account);
  return accounts;
}

void AccountStore::clear() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->by_username.clear();
  state_->username_by_email.clear();
}

std::size_t AccountStore::size() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->by_username.size();
}

}  // namespace recovery::testing
