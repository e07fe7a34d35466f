#pragma once

#include <QByteArray>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace oiso::server {

// A request as the handlers see it, independent of the HTTP library that parsed it.
struct HttpRequest {
    QByteArray method; // upper case, after X-HTTP-Method-Override was applied
    std::string path;  // percent-decoded UTF-8 path, e.g. "/chatlist/-Nabc.json"
    std::vector<std::pair<std::string, std::string>> query; // decoded, in order of appearance
    std::map<std::string, QByteArray> headers;              // names in lower case
    QByteArray body;

    // First value of a query parameter, or nullptr.
    const std::string* queryValue(std::string_view name) const
    {
        for (const auto& [key, value] : query) {
            if (key == name)
                return &value;
        }
        return nullptr;
    }
    QByteArray header(const std::string& lowerCaseName) const
    {
        const auto it = headers.find(lowerCaseName);
        return it == headers.end() ? QByteArray() : it->second;
    }
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(QByteArray name, QByteArray value)
    {
        for (auto& [n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0) {
                v = std::move(value);
                return;
            }
        }
        headers.emplace_back(std::move(name), std::move(value));
    }
};

// A JSON response with the service's usual headers.
inline HttpResponse jsonResponse(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = {{"Content-Type", "application/json; charset=utf-8"},
                 {"Cache-Control", "no-cache"},
                 {"Access-Control-Allow-Origin", "*"}};
    return r;
}

} // namespace oiso::server
