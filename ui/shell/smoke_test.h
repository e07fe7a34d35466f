#pragma once

#include <QObject>
#include <QString>

namespace oiso::ui {

class AppController;

// The developers' start-up check behind the hidden option `oiso-chat --smoke-test`
// (packaging/check-deb.sh runs it on the installed package, headless): the app starts as usual;
// once the chat list window of the signed-in user shows rows, finished(0, …) reports how many;
// a start-up error, or no rows within the timeout, is finished(1, why). Signal-driven, no
// polling. The caller prints the line and quits with the code.
class SmokeTest : public QObject {
    Q_OBJECT

public:
    SmokeTest(AppController& controller, int timeoutMs, QObject* parent = nullptr);

signals:
    void finished(int exitCode, const QString& report);

private:
    void watchWindow(const QString& loginId);
    void check();
    void finish(int exitCode, const QString& report);

    AppController& m_controller;
    QString m_loginId;
    bool m_done = false;
};

} // namespace oiso::ui
