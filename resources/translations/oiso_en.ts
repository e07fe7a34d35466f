<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>oiso::market::ChatListService</name>
    <message>
        <source>This item is not in your buying list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::market::ChatRoomService</name>
    <message>
        <source>This message is being sent right now and can no longer be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::market::IdentityService</name>
    <message>
        <source>A login id needs at least 3 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A login id can have at most 20 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use only lower-case letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; in a login id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login id &quot;%1&quot; is already taken. Please choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::market::MarketSession</name>
    <message>
        <source>Your unsent messages could not be opened (%1). Check that the folder %2 can be written to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::market::MessageCheck</name>
    <message>
        <source>Type a message first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is too long: %1 of %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::market::OutboxSender</name>
    <message>
        <source>Your message could not be saved on this computer, so it was not sent. Is the disk full? (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::market::OutboxStore</name>
    <message>
        <source>A message needs a room and a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged (%2) and cannot be moved aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be created (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of unsent messages and drafts was damaged (%1). It was kept as %2 and a new one was started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::AuthError</name>
    <message>
        <source>Could not reach the sign-in service. Check your internet connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in service did not answer in time. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account with this email already exists. Sign in instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The email or password is not correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a longer password (at least 6 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This email address is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in with email and password is turned off for this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has been disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts. Wait a little and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Web API key is not valid. Check it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in service sent something unexpected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in failed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::DatabaseLocation</name>
    <message>
        <source>&quot;%1&quot; is not a database address. It looks like https://&lt;name&gt;.firebaseio.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database address starts with https:// (or http:// for a local server).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firebase databases are only reachable over https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database address has no path; use just https://%1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::HttpExchange</name>
    <message>
        <source>Too many redirects.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::RequestRun</name>
    <message>
        <source>The answer is not valid JSON (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::RtdbError</name>
    <message>
        <source>Could not reach the chat server. Check your internet connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat server did not answer in time. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not allowed to see or change this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database needs an index for this list (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed this at the same time. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat server sent something unexpected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was not found. Check the database URL in Settings (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat server is busy or having trouble. Please try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat server refused the request (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::StreamConnection</name>
    <message>
        <source>Expected an event stream but got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the event stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream was redirected too often or to an unsafe address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::StreamListener</name>
    <message>
        <source>The server ended the stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server revoked the stream&apos;s credential.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::AppController</name>
    <message>
        <source>The built-in server gave an unusable address (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database address “%1” cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to %1 needs the project&apos;s Web API key. Enter it in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Demo account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a &amp;hosted database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run uses the database given on the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run uses the database in OISO_DATABASE_URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oiso Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatHeader</name>
    <message>
        <source>Item photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the item…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unnamed item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListDelegate</name>
    <message>
        <source>Purchase complete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListPage</name>
    <message>
        <source>No item matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purchase complete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListText</name>
    <message>
        <source>Unnamed item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft:</source>
        <comment>prefix of a chat list row whose room has unsent text</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n buyer(s)</source>
        <comment>people who wrote in the room of an item I sell</comment>
        <translation>
            <numerusform>%n buyer</numerusform>
            <numerusform>%n buyers</numerusform>
        </translation>
    </message>
    <message>
        <source>No price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unread</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListWindow</name>
    <message>
        <source>Oiso Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not selling anything yet. Items you list on the market appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chats yet. When you write to a seller on the market, the item appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No purchases recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items I am selling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items I am buying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items I bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chat of the selected item (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purchase complete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that you bought the selected item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unread first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show chats with unread messages first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Oiso Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Oiso Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oiso Chat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop chat of the Oiso campus market. Chats are shared with the market&apos;s website.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search items (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search items by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selling (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buying (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchased (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oiso Chat — %1 (Demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oiso Chat — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo market on this computer. Configure a hosted database in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo account %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatWindow</name>
    <message>
        <source>Dismiss the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Oiso Chat</source>
        <comment>window title: the item&apos;s name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting… showing the messages saved on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — what you write is kept and sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out — sign in again from the chat list to send and receive messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::Composer</name>
    <message>
        <source>Write a message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ComposerBar</name>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2</source>
        <comment>characters written / the most a message may have</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of at most %2 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::ConnectionBar</name>
    <message>
        <source>&amp;Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry connecting now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting… The lists show what was saved on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — showing saved data. Messages you write are kept and sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were signed out. Sign in again to see new messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::DemoAccounts</name>
    <message>
        <source>%1 (%2)</source>
        <comment>a demo account: name (login id)</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::DemoSignIn</name>
    <message>
        <source>The demo account %1 could not sign in: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo account %1 has no login id in this database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::EmbeddedServerHost</name>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in demo server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::HostedSignIn</name>
    <message>
        <source>This computer has no keychain service, so Oiso Chat cannot keep you signed in: you will be asked again next time. (Your password is never stored.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving your login id…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in again. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding your login id…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no keychain service, so you will need to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in could not be saved in the keychain, so you will need to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::LaunchText</name>
    <message>
        <source>Oiso Chat: the desktop chat of the Oiso campus market.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Realtime Database to use, e.g. https://NAME.firebaseio.com or http://127.0.0.1:9000 (this run only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project&apos;s Web API key (this run only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep settings, cache and unsent messages in this folder, so that two accounts can run side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chat of this item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo account to sign in with on the built-in demo market (minji, junho, seoyeon, hyunwoo or jiwoo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An oiso://item/KEY link to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only one link can be opened at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an item key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an Oiso item link (oiso://item/KEY).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::MessageLayout</name>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::MessageModel</name>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not sent: %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::MessageView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <comment>messages that arrived below what the user is reading</comment>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s): jump to the newest</source>
        <translation>
            <numerusform>%n new message: jump to the newest</numerusform>
            <numerusform>%n new messages: jump to the newest</numerusform>
        </translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to the newest messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::PurchaseFlow</name>
    <message>
        <source>this item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did you buy “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It will be recorded in your purchases, as on the market&apos;s website. This cannot be undone here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording the purchase of “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purchase of “%1” is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purchase of “%1” was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purchase of “%1” could not be recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::SettingsDialog</name>
    <message>
        <source>Show a &amp;notification when a message arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oiso Chat Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the built-in demo market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project settings → General → Web API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. https://market.example.ac.kr/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;demo market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the built-in demo market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web &amp;API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Images from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a database address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address starting with https:// (or http://).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without an address, Oiso Chat runs a demo market on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://NAME.firebaseio.com, https://NAME.REGION.firebasedatabase.app, or an oiso-server address such as http://192.168.0.10:9000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the market&apos;s website serves item pictures (its address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time Oiso Chat starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::SignInDialog</name>
    <message>
        <source>&amp;Login id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to Oiso Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. minji_kim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with the email and password of your market account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create an account instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an account. Your login id is the name other students see on your items and messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;have an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account has no login id yet. Choose the name other students will see on your items and messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3–20 characters: lower-case letters, digits, “_”, “.” or “-”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::SingleInstance</name>
    <message>
        <source>Oiso Chat is already running but did not accept the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oiso Chat is already running but does not respond. Close it (or end it in the task manager) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check whether Oiso Chat is already running (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::TimeFormat</name>
    <message>
        <source>default</source>
        <comment>The QLocale name of this translation&apos;s language, e.g. ko_KR. Leave as &quot;default&quot; to follow the system.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <comment>a message&apos;s age in minutes</comment>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>A day of this year in the chat list (QDate format). Korean: M월 d일</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <comment>A day of another year in the chat list (QDate format). Korean: yyyy. M. d.</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oiso::ui::TrayController</name>
    <message>
        <source>&amp;Show Oiso Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Oiso Chat — %n unread message(s)</source>
        <translation>
            <numerusform>Oiso Chat — %n unread message</numerusform>
            <numerusform>Oiso Chat — %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Oiso Chat — no unread messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>notification title: sender · item</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oiso Chat is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages will still be announced. Quit from the tray icon&apos;s menu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
