#pragma once

#include "http_types.h"

namespace oiso::server {

class AuthService;

// The Firebase Auth REST stand-in (reference §7.3, §11.2, §12), served under the same path
// prefixes as the Firebase Auth emulator so that a client only swaps its base URL:
//   POST /identitytoolkit.googleapis.com/v1/accounts:signUp
//   POST /identitytoolkit.googleapis.com/v1/accounts:signInWithPassword
//   POST /identitytoolkit.googleapis.com/v1/accounts:lookup
//   POST /securetoken.googleapis.com/v1/token
// Bodies may be JSON or application/x-www-form-urlencoded, with camelCase or snake_case names.
// The API key (`key=` query parameter or `X-Goog-Api-Key` header) is accepted whatever its
// value, and may be left out: a local server has no project whose key could be checked, and
// the emulator behaves the same way.
// Errors use the Identity Toolkit body {"error":{"code","message","errors":[…]}}; 400 for
// request errors, 404 for unknown endpoints, 405 for methods other than POST (and OPTIONS,
// answered as a CORS preflight), 500 when the accounts cannot be stored.

// True for every path below the two service prefixes (whatever the method).
bool isAuthRequest(const HttpRequest& request);

// Handles one request. Calls the (slow, Argon2id) password hashing: run it off I/O threads.
HttpResponse handleAuthRequest(AuthService& auth, const HttpRequest& request);

} // namespace oiso::server
