// SPDX-License-Identifier: Apache-2.0
// cli/usage_message.cpp: see usage_message.hpp.
#include "cli/usage_message.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "cli/nearest_name.hpp"
#include "cli/secret_input.hpp"

namespace recovery::cli {
namespace {

bool is_option(const std::string& argument) {
  return argument.size() > 1 && argument[0] == '-' && argument != "--";
}

// "--password=x" → "--password": the value is never shown.
std::string option_name(const std::string& argument) {
  return argument.substr(0, argument.find('='));
}

// A long option of letters, digits and '-' reads as a mistyped option; anything else (a short
// option, a value that starts with '-') may be a misplaced secret.
bool showable(const std::string& name) {
  if (name.size() < 3 || name.size() > 64 || name.compare(0, 2, "--") != 0) return false;
  return std::all_of(name.begin() + 2, name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
  });
}

bool names_a_password(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("pass") != std::string::npos;
}

// Every option of the root command and of the command given (if any), as typed: "--vendor", "-h".
std::vector<std::string> option_names(CLI::App& app) {
  std::vector<const CLI::App*> scopes = {&app};
  for (const CLI::App* command : app.get_subcommands()) scopes.push_back(command);
  std::vector<std::string> names;
  for (const CLI::App* scope : scopes) {
    for (const CLI::Option* option : scope->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
      for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
  }
  return names;
}

std::vector<std::string> command_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    if (!command->get_name().empty()) names.push_back(command->get_name());
  }
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

std::string unknown_option(CLI::App& app, const std::string& argument) {
  const std::string name = option_name(argument);
  if (names_a_password(name)) {
    return std::string(
               "passwords are never taken on the command line, where other users can "
               "read them: the new password comes from ") +
           kPasswordEnv + " or the next line of stdin";
  }
  if (!showable(name)) return "unknown option (not shown: it may be a secret)";
  std::string message = "unknown option " + name;
  auto nearest = nearest_name(name, option_names(app));
  if (nearest && *nearest == name) {
    // A real option where it does not belong (recoveryctl's own after a command that does not
    // take it): name the command, never suggest the very same name.
    for (const CLI::App* command : app.get_subcommands()) message += " for " + command->get_name();
  } else if (nearest) {
    message += "; did you mean " + *nearest + "?";
  }
  return message;
}

std::string unknown_command(CLI::App& app, const std::string& word) {
  const std::vector<std::string> commands = command_names(app);
  const bool plain_word = std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
  auto nearest = nearest_name(word, commands);
  if (nearest && plain_word) {
    return "unknown command " + word + "; did you mean " + *nearest + "?";
  }
  return "unknown command (not shown: it may be a secret); the commands are " + joined(commands);
}

}  // namespace

std::string usage_message(CLI::App& app, const CLI::ParseError& error) {
  const std::vector<std::string> leftovers = app.remaining(true);
  for (const std::string& argument : leftovers) {
    if (is_option(argument)) return unknown_option(app, argument);
  }
  if (!leftovers.empty() && app.get_subcommands().empty()) {
    return unknown_command(app, leftovers.front());
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    return "unexpected extra arguments (not shown: they may be secrets)";
  }
  return error.what();
}

}  // namespace recovery::cli
