<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>oiso::market::ChatListService</name>
    <message>
        <source>This item is not in your buying list.</source>
        <translation>이 물건은 구매 목록에 없어요.</translation>
    </message>
</context>
<context>
    <name>oiso::market::ChatRoomService</name>
    <message>
        <source>This message is being sent right now and can no longer be deleted.</source>
        <translation>이 메시지는 지금 보내는 중이라 더 이상 삭제할 수 없어요.</translation>
    </message>
</context>
<context>
    <name>oiso::market::IdentityService</name>
    <message>
        <source>A login id needs at least 3 characters.</source>
        <translation>아이디는 3자 이상이어야 해요.</translation>
    </message>
    <message>
        <source>A login id can have at most 20 characters.</source>
        <translation>아이디는 20자까지 쓸 수 있어요.</translation>
    </message>
    <message>
        <source>Use only lower-case letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; in a login id.</source>
        <translation>아이디에는 영문 소문자, 숫자, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;만 쓸 수 있어요.</translation>
    </message>
    <message>
        <source>The login id &quot;%1&quot; is already taken. Please choose another one.</source>
        <translation>아이디 &quot;%1&quot;은(는) 이미 사용 중이에요. 다른 아이디를 골라 주세요.</translation>
    </message>
</context>
<context>
    <name>oiso::market::MarketSession</name>
    <message>
        <source>Your unsent messages could not be opened (%1). Check that the folder %2 can be written to.</source>
        <translation>보내지 않은 메시지를 열 수 없어요(%1). %2 폴더에 쓸 수 있는지 확인해 주세요.</translation>
    </message>
</context>
<context>
    <name>oiso::market::MessageCheck</name>
    <message>
        <source>Type a message first.</source>
        <translation>먼저 메시지를 입력해 주세요.</translation>
    </message>
    <message>
        <source>This message is too long: %1 of %2 characters.</source>
        <translation>메시지가 너무 길어요: %2자 중 %1자.</translation>
    </message>
</context>
<context>
    <name>oiso::market::OutboxSender</name>
    <message>
        <source>Your message could not be saved on this computer, so it was not sent. Is the disk full? (%1)</source>
        <translation>메시지를 이 컴퓨터에 저장하지 못해서 보내지 않았어요. 디스크가 가득 찼나요? (%1)</translation>
    </message>
</context>
<context>
    <name>oiso::market::OutboxStore</name>
    <message>
        <source>A message needs a room and a key.</source>
        <translation>메시지에는 채팅방과 키가 필요해요.</translation>
    </message>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation>%1의 폴더를 만들 수 없어요.</translation>
    </message>
    <message>
        <source>%1 cannot be opened (%2).</source>
        <translation>%1을(를) 열 수 없어요(%2).</translation>
    </message>
    <message>
        <source>%1 is damaged (%2) and cannot be moved aside.</source>
        <translation>%1이(가) 손상되었고(%2) 옆으로 옮겨 둘 수도 없어요.</translation>
    </message>
    <message>
        <source>%1 cannot be created (%2).</source>
        <translation>%1을(를) 만들 수 없어요(%2).</translation>
    </message>
    <message>
        <source>The file of unsent messages and drafts was damaged (%1). It was kept as %2 and a new one was started.</source>
        <translation>보내지 않은 메시지와 임시 저장 글 파일이 손상되었어요(%1). %2(으)로 보관하고 새 파일을 시작했어요.</translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::AuthError</name>
    <message>
        <source>Could not reach the sign-in service. Check your internet connection.</source>
        <translation>로그인 서비스에 연결할 수 없어요. 인터넷 연결을 확인해 주세요.</translation>
    </message>
    <message>
        <source>The sign-in service did not answer in time. Please try again.</source>
        <translation>로그인 서비스가 제때 응답하지 않았어요. 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>An account with this email already exists. Sign in instead.</source>
        <translation>이 이메일로 만든 계정이 이미 있어요. 로그인해 주세요.</translation>
    </message>
    <message>
        <source>The email or password is not correct.</source>
        <translation>이메일 또는 비밀번호가 올바르지 않아요.</translation>
    </message>
    <message>
        <source>Choose a longer password (at least 6 characters).</source>
        <translation>더 긴 비밀번호를 정해 주세요(6자 이상).</translation>
    </message>
    <message>
        <source>This email address is not valid.</source>
        <translation>올바른 이메일 주소가 아니에요.</translation>
    </message>
    <message>
        <source>Enter your email address.</source>
        <translation>이메일 주소를 입력해 주세요.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>비밀번호를 입력해 주세요.</translation>
    </message>
    <message>
        <source>Signing in with email and password is turned off for this database.</source>
        <translation>이 데이터베이스에서는 이메일과 비밀번호 로그인이 꺼져 있어요.</translation>
    </message>
    <message>
        <source>This account has been disabled.</source>
        <translation>이 계정은 사용 중지되었어요.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a little and try again.</source>
        <translation>시도가 너무 많았어요. 잠시 후 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>로그인이 만료되었어요. 다시 로그인해 주세요.</translation>
    </message>
    <message>
        <source>The Web API key is not valid. Check it in Settings.</source>
        <translation>웹 API 키가 올바르지 않아요. 설정에서 확인해 주세요.</translation>
    </message>
    <message>
        <source>The sign-in service sent something unexpected.</source>
        <translation>로그인 서비스가 예상하지 못한 응답을 보냈어요.</translation>
    </message>
    <message>
        <source>Signing in failed (%1).</source>
        <translation>로그인하지 못했어요(%1).</translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::DatabaseLocation</name>
    <message>
        <source>&quot;%1&quot; is not a database address. It looks like https://&lt;name&gt;.firebaseio.com.</source>
        <translation>&quot;%1&quot;은(는) 데이터베이스 주소가 아니에요. https://&lt;이름&gt;.firebaseio.com 같은 형태예요.</translation>
    </message>
    <message>
        <source>A database address starts with https:// (or http:// for a local server).</source>
        <translation>데이터베이스 주소는 https://로 시작해요(로컬 서버는 http://).</translation>
    </message>
    <message>
        <source>Firebase databases are only reachable over https://.</source>
        <translation>Firebase 데이터베이스는 https://로만 연결할 수 있어요.</translation>
    </message>
    <message>
        <source>A database address has no path; use just https://%1.</source>
        <translation>데이터베이스 주소에는 경로가 없어요. https://%1만 입력해 주세요.</translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::HttpExchange</name>
    <message>
        <source>Too many redirects.</source>
        <translation>리디렉션이 너무 많아요.</translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::RequestRun</name>
    <message>
        <source>The answer is not valid JSON (%1).</source>
        <translation>응답이 올바른 JSON이 아니에요(%1).</translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::RtdbError</name>
    <message>
        <source>Could not reach the chat server. Check your internet connection.</source>
        <translation>채팅 서버에 연결할 수 없어요. 인터넷 연결을 확인해 주세요.</translation>
    </message>
    <message>
        <source>The chat server did not answer in time. Please try again.</source>
        <translation>채팅 서버가 제때 응답하지 않았어요. 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>You are not allowed to see or change this.</source>
        <translation>이 내용을 보거나 바꿀 권한이 없어요.</translation>
    </message>
    <message>
        <source>The database needs an index for this list (%1).</source>
        <translation>이 목록을 보려면 데이터베이스에 색인이 필요해요(%1).</translation>
    </message>
    <message>
        <source>Someone changed this at the same time. Please try again.</source>
        <translation>다른 사람이 동시에 바꿨어요. 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>로그인이 만료되었어요. 다시 로그인해 주세요.</translation>
    </message>
    <message>
        <source>The chat server sent something unexpected.</source>
        <translation>채팅 서버가 예상하지 못한 응답을 보냈어요.</translation>
    </message>
    <message>
        <source>This request is not valid: %1</source>
        <translation>잘못된 요청이에요: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소했어요.</translation>
    </message>
    <message>
        <source>The database was not found. Check the database URL in Settings (%1).</source>
        <translation>데이터베이스를 찾을 수 없어요. 설정에서 데이터베이스 URL을 확인해 주세요(%1).</translation>
    </message>
    <message>
        <source>The chat server is busy or having trouble. Please try again shortly.</source>
        <translation>채팅 서버가 바쁘거나 문제가 있어요. 잠시 후 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>The chat server refused the request (HTTP %1).</source>
        <translation>채팅 서버가 요청을 거절했어요(HTTP %1).</translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::StreamConnection</name>
    <message>
        <source>Expected an event stream but got &quot;%1&quot;.</source>
        <translation>이벤트 스트림이 와야 하는데 &quot;%1&quot;이(가) 왔어요.</translation>
    </message>
    <message>
        <source>The server closed the event stream.</source>
        <translation>서버가 이벤트 스트림을 닫았어요.</translation>
    </message>
    <message>
        <source>The stream was redirected too often or to an unsafe address.</source>
        <translation>스트림이 너무 자주, 또는 안전하지 않은 주소로 리디렉션되었어요.</translation>
    </message>
</context>
<context>
    <name>oiso::rtdb::StreamListener</name>
    <message>
        <source>The server ended the stream.</source>
        <translation>서버가 스트림을 끝냈어요.</translation>
    </message>
    <message>
        <source>The server revoked the stream&apos;s credential.</source>
        <translation>서버가 스트림의 인증을 취소했어요.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::AppController</name>
    <message>
        <source>The built-in server gave an unusable address (%1).</source>
        <translation>내장 서버가 쓸 수 없는 주소를 알려 줬어요(%1).</translation>
    </message>
    <message>
        <source>The database address “%1” cannot be used: %2</source>
        <translation>데이터베이스 주소 “%1”은(는) 쓸 수 없어요: %2</translation>
    </message>
    <message>
        <source>Signing in to %1 needs the project&apos;s Web API key. Enter it in the settings.</source>
        <translation>%1에 로그인하려면 프로젝트의 웹 API 키가 필요해요. 설정에서 입력해 주세요.</translation>
    </message>
    <message>
        <source>&amp;Demo account</source>
        <translation>데모 계정(&amp;D)</translation>
    </message>
    <message>
        <source>Use a &amp;hosted database…</source>
        <translation>호스팅 데이터베이스 사용(&amp;H)…</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>%1(으)로 로그인됨</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>로그아웃(&amp;O)</translation>
    </message>
    <message>
        <source>This run uses the database given on the command line.</source>
        <translation>이번 실행은 명령줄에서 지정한 데이터베이스를 써요.</translation>
    </message>
    <message>
        <source>This run uses the database in OISO_DATABASE_URL.</source>
        <translation>이번 실행은 OISO_DATABASE_URL의 데이터베이스를 써요.</translation>
    </message>
    <message>
        <source>Oiso Chat</source>
        <translation>오이소 채팅</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>다시 시도(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatHeader</name>
    <message>
        <source>Item photo</source>
        <translation>물건 사진</translation>
    </message>
    <message>
        <source>Loading the item…</source>
        <translation>물건 정보를 불러오는 중…</translation>
    </message>
    <message>
        <source>Unnamed item</source>
        <translation>이름 없는 물건</translation>
    </message>
    <message>
        <source>No price</source>
        <translation>가격 없음</translation>
    </message>
    <message>
        <source>Seller: %1</source>
        <translation>판매자: %1</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>물건</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListDelegate</name>
    <message>
        <source>Purchase complete</source>
        <translation>구매 완료</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListPage</name>
    <message>
        <source>No item matches “%1”.</source>
        <translation>“%1”에 맞는 물건이 없어요.</translation>
    </message>
    <message>
        <source>&amp;Open chat</source>
        <translation>채팅 열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Purchase complete…</source>
        <translation>구매 완료(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListText</name>
    <message>
        <source>Unnamed item</source>
        <translation>이름 없는 물건</translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation>구매함</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>판매중</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>예약중</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>판매완료</translation>
    </message>
    <message>
        <source>Draft:</source>
        <comment>prefix of a chat list row whose room has unsent text</comment>
        <translation>임시 저장:</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>아직 메시지가 없어요</translation>
    </message>
    <message numerus="yes">
        <source>%n buyer(s)</source>
        <comment>people who wrote in the room of an item I sell</comment>
        <translation>
            <numerusform>구매 희망자 %n명</numerusform>
        </translation>
    </message>
    <message>
        <source>No price</source>
        <translation>가격 없음</translation>
    </message>
    <message>
        <source>%1 unread</source>
        <translation>안 읽은 메시지 %1개</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatListWindow</name>
    <message>
        <source>Oiso Chat</source>
        <translation>오이소 채팅</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>목록</translation>
    </message>
    <message>
        <source>You are not selling anything yet. Items you list on the market appear here.</source>
        <translation>아직 판매 중인 물건이 없어요. 마켓에 올린 물건이 여기에 나타나요.</translation>
    </message>
    <message>
        <source>No chats yet. When you write to a seller on the market, the item appears here.</source>
        <translation>아직 채팅이 없어요. 마켓에서 판매자에게 메시지를 보내면 그 물건이 여기에 나타나요.</translation>
    </message>
    <message>
        <source>No purchases recorded yet.</source>
        <translation>아직 기록된 구매가 없어요.</translation>
    </message>
    <message>
        <source>Items I am selling</source>
        <translation>내가 파는 물건</translation>
    </message>
    <message>
        <source>Items I am buying</source>
        <translation>내가 사려는 물건</translation>
    </message>
    <message>
        <source>Items I bought</source>
        <translation>내가 산 물건</translation>
    </message>
    <message>
        <source>&amp;Open chat</source>
        <translation>채팅 열기(&amp;O)</translation>
    </message>
    <message>
        <source>Open the chat of the selected item (Enter)</source>
        <translation>선택한 물건의 채팅 열기(Enter)</translation>
    </message>
    <message>
        <source>&amp;Purchase complete…</source>
        <translation>구매 완료(&amp;P)…</translation>
    </message>
    <message>
        <source>Record that you bought the selected item</source>
        <translation>선택한 물건을 샀다고 기록하기</translation>
    </message>
    <message>
        <source>&amp;Unread first</source>
        <translation>안 읽은 채팅 먼저(&amp;U)</translation>
    </message>
    <message>
        <source>Show chats with unread messages first</source>
        <translation>안 읽은 메시지가 있는 채팅을 먼저 보여 주기</translation>
    </message>
    <message>
        <source>&amp;Find item</source>
        <translation>물건 찾기(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>계정(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>채팅(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Oiso Chat</source>
        <translation>오이소 채팅 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About Oiso Chat</source>
        <translation>오이소 채팅 정보</translation>
    </message>
    <message>
        <source>Oiso Chat %1</source>
        <translation>오이소 채팅 %1</translation>
    </message>
    <message>
        <source>The desktop chat of the Oiso campus market. Chats are shared with the market&apos;s website.</source>
        <translation>오이소 캠퍼스 마켓의 데스크톱 채팅이에요. 채팅은 마켓 웹사이트와 함께 써요.</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>채팅</translation>
    </message>
    <message>
        <source>Search items (Ctrl+F)</source>
        <translation>물건 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search items by name</source>
        <translation>물건 이름으로 검색</translation>
    </message>
    <message>
        <source>Selling (%1)</source>
        <translation>판매 (%1)</translation>
    </message>
    <message>
        <source>Buying (%1)</source>
        <translation>구매 (%1)</translation>
    </message>
    <message>
        <source>Purchased (%1)</source>
        <translation>구매 완료 (%1)</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>연결: %1</translation>
    </message>
    <message>
        <source>Oiso Chat — %1 (Demo)</source>
        <translation>오이소 채팅 — %1 (데모)</translation>
    </message>
    <message>
        <source>Oiso Chat — %1</source>
        <translation>오이소 채팅 — %1</translation>
    </message>
    <message>
        <source>Demo · %1</source>
        <translation>데모 · %1</translation>
    </message>
    <message>
        <source>Demo market on this computer. Configure a hosted database in Settings.</source>
        <translation>이 컴퓨터에서 실행 중인 데모 마켓이에요. 호스팅 데이터베이스는 설정에서 지정하세요.</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>%1(으)로 로그인됨</translation>
    </message>
    <message>
        <source>Demo account %1</source>
        <translation>데모 계정 %1</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ChatWindow</name>
    <message>
        <source>Dismiss the message</source>
        <translation>알림 닫기</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>채팅</translation>
    </message>
    <message>
        <source>%1 — Oiso Chat</source>
        <comment>window title: the item&apos;s name</comment>
        <translation>%1 — 오이소 채팅</translation>
    </message>
    <message>
        <source>Chat about %1</source>
        <translation>%1에 대한 채팅</translation>
    </message>
    <message>
        <source>Connecting… showing the messages saved on this computer.</source>
        <translation>연결 중… 이 컴퓨터에 저장된 메시지를 보여 주고 있어요.</translation>
    </message>
    <message>
        <source>Offline — what you write is kept and sent when the connection is back.</source>
        <translation>오프라인 — 쓴 메시지는 보관했다가 다시 연결되면 보내요.</translation>
    </message>
    <message>
        <source>Signed out — sign in again from the chat list to send and receive messages.</source>
        <translation>로그아웃됨 — 메시지를 주고받으려면 채팅 목록에서 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>연결: %1</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>문제: %1</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
</context>
<context>
    <name>oiso::ui::Composer</name>
    <message>
        <source>Write a message…</source>
        <translation>메시지를 입력하세요…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter로 보내고, Shift+Enter로 줄을 바꿔요</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ComposerBar</name>
    <message>
        <source>Send (Enter)</source>
        <translation>보내기 (Enter)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <comment>characters written / the most a message may have</comment>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1 of at most %2 characters</source>
        <translation>최대 %2자 중 %1자</translation>
    </message>
</context>
<context>
    <name>oiso::ui::ConnectionBar</name>
    <message>
        <source>&amp;Retry now</source>
        <translation>지금 다시 연결(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>로그인(&amp;S)…</translation>
    </message>
    <message>
        <source>Retry connecting now</source>
        <translation>지금 다시 연결하기</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>다시 로그인하기</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>로그아웃됨</translation>
    </message>
    <message>
        <source>Connecting… The lists show what was saved on this computer.</source>
        <translation>연결 중… 목록에는 이 컴퓨터에 저장된 내용이 보여요.</translation>
    </message>
    <message>
        <source>Offline — showing saved data. Messages you write are kept and sent when the connection is back.</source>
        <translation>오프라인 — 저장된 내용을 보여 주고 있어요. 쓴 메시지는 보관했다가 다시 연결되면 보내요.</translation>
    </message>
    <message>
        <source>You were signed out. Sign in again to see new messages.</source>
        <translation>로그아웃되었어요. 새 메시지를 보려면 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>연결: %1</translation>
    </message>
</context>
<context>
    <name>oiso::ui::DemoAccounts</name>
    <message>
        <source>%1 (%2)</source>
        <comment>a demo account: name (login id)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>oiso::ui::DemoSignIn</name>
    <message>
        <source>The demo account %1 could not sign in: %2</source>
        <translation>데모 계정 %1(으)로 로그인하지 못했어요: %2</translation>
    </message>
    <message>
        <source>The demo account %1 has no login id in this database.</source>
        <translation>데모 계정 %1의 아이디가 이 데이터베이스에 없어요.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::EmbeddedServerHost</name>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>%1 폴더를 만들 수 없어요.</translation>
    </message>
    <message>
        <source>The built-in demo server could not start: %1</source>
        <translation>내장 데모 서버를 시작하지 못했어요: %1</translation>
    </message>
</context>
<context>
    <name>oiso::ui::HostedSignIn</name>
    <message>
        <source>This computer has no keychain service, so Oiso Chat cannot keep you signed in: you will be asked again next time. (Your password is never stored.)</source>
        <translation>이 컴퓨터에는 키체인 서비스가 없어서 로그인 상태를 유지할 수 없어요. 다음에 다시 로그인해야 해요. (비밀번호는 저장하지 않아요.)</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>계정을 만드는 중…</translation>
    </message>
    <message>
        <source>Saving your login id…</source>
        <translation>아이디를 저장하는 중…</translation>
    </message>
    <message>
        <source>Please sign in again. %1</source>
        <translation>다시 로그인해 주세요. %1</translation>
    </message>
    <message>
        <source>Finding your login id…</source>
        <translation>아이디를 찾는 중…</translation>
    </message>
    <message>
        <source>This computer has no keychain service, so you will need to sign in again next time.</source>
        <translation>이 컴퓨터에는 키체인 서비스가 없어서 다음에 다시 로그인해야 해요.</translation>
    </message>
    <message>
        <source>Your sign-in could not be saved in the keychain, so you will need to sign in again next time.</source>
        <translation>로그인 정보를 키체인에 저장하지 못해서 다음에 다시 로그인해야 해요.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::LaunchText</name>
    <message>
        <source>Oiso Chat: the desktop chat of the Oiso campus market.</source>
        <translation>오이소 채팅: 오이소 캠퍼스 마켓의 데스크톱 채팅.</translation>
    </message>
    <message>
        <source>The Realtime Database to use, e.g. https://NAME.firebaseio.com or http://127.0.0.1:9000 (this run only).</source>
        <translation>사용할 Realtime Database. 예: https://NAME.firebaseio.com 또는 http://127.0.0.1:9000 (이번 실행에만).</translation>
    </message>
    <message>
        <source>The project&apos;s Web API key (this run only).</source>
        <translation>프로젝트의 웹 API 키 (이번 실행에만).</translation>
    </message>
    <message>
        <source>Keep settings, cache and unsent messages in this folder, so that two accounts can run side by side.</source>
        <translation>설정, 캐시, 보내지 않은 메시지를 이 폴더에 보관해요. 두 계정을 나란히 실행할 수 있어요.</translation>
    </message>
    <message>
        <source>Open the chat of this item.</source>
        <translation>이 물건의 채팅을 열어요.</translation>
    </message>
    <message>
        <source>The demo account to sign in with on the built-in demo market (minji, junho, seoyeon, hyunwoo or jiwoo).</source>
        <translation>내장 데모 마켓에서 로그인할 데모 계정 (minji, junho, seoyeon, hyunwoo, jiwoo 중 하나).</translation>
    </message>
    <message>
        <source>An oiso://item/KEY link to open.</source>
        <translation>열 oiso://item/KEY 링크.</translation>
    </message>
    <message>
        <source>Only one link can be opened at a time.</source>
        <translation>한 번에 링크 하나만 열 수 있어요.</translation>
    </message>
    <message>
        <source>“%1” is not an item key.</source>
        <translation>“%1”은(는) 물건 키가 아니에요.</translation>
    </message>
    <message>
        <source>“%1” is not an Oiso item link (oiso://item/KEY).</source>
        <translation>“%1”은(는) 오이소 물건 링크(oiso://item/KEY)가 아니에요.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::MessageLayout</name>
    <message>
        <source>Not sent</source>
        <translation>전송 실패</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>다시 보내기</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Unread messages</source>
        <translation>여기서부터 안 읽은 메시지</translation>
    </message>
</context>
<context>
    <name>oiso::ui::MessageModel</name>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(sending)</source>
        <translation>(보내는 중)</translation>
    </message>
    <message>
        <source>(not sent: %1)</source>
        <translation>(전송 실패: %1)</translation>
    </message>
</context>
<context>
    <name>oiso::ui::MessageView</name>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <comment>messages that arrived below what the user is reading</comment>
        <translation>
            <numerusform>새 메시지 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s): jump to the newest</source>
        <translation>
            <numerusform>새 메시지 %n개: 최신 메시지로 이동</numerusform>
        </translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>메시지 작업</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>텍스트 복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation>다시 보내기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete message</source>
        <translation>메시지 삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Jump to the newest messages</source>
        <translation>최신 메시지로 이동</translation>
    </message>
</context>
<context>
    <name>oiso::ui::PurchaseFlow</name>
    <message>
        <source>this item</source>
        <translation>이 물건</translation>
    </message>
    <message>
        <source>Purchase complete</source>
        <translation>구매 완료</translation>
    </message>
    <message>
        <source>Did you buy “%1”?</source>
        <translation>“%1”을(를) 구매하셨나요?</translation>
    </message>
    <message>
        <source>It will be recorded in your purchases, as on the market&apos;s website. This cannot be undone here.</source>
        <translation>마켓 웹사이트에서처럼 구매 내역에 기록돼요. 여기서는 되돌릴 수 없어요.</translation>
    </message>
    <message>
        <source>Record purchase</source>
        <translation>구매 기록하기</translation>
    </message>
    <message>
        <source>Recording the purchase of “%1”…</source>
        <translation>“%1” 구매를 기록하는 중…</translation>
    </message>
    <message>
        <source>The purchase of “%1” is recorded.</source>
        <translation>“%1” 구매를 기록했어요.</translation>
    </message>
    <message>
        <source>The purchase of “%1” was not recorded.</source>
        <translation>“%1” 구매를 기록하지 못했어요.</translation>
    </message>
    <message>
        <source>Purchase not recorded</source>
        <translation>구매를 기록하지 못함</translation>
    </message>
    <message>
        <source>The purchase of “%1” could not be recorded.</source>
        <translation>“%1” 구매를 기록할 수 없었어요.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::SettingsDialog</name>
    <message>
        <source>Show a &amp;notification when a message arrives</source>
        <translation>메시지가 오면 알림 보이기(&amp;N)</translation>
    </message>
    <message>
        <source>Oiso Chat Settings</source>
        <translation>오이소 채팅 설정</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>데이터베이스 URL</translation>
    </message>
    <message>
        <source>Empty: the built-in demo market</source>
        <translation>비워 두면 내장 데모 마켓</translation>
    </message>
    <message>
        <source>Web API key</source>
        <translation>웹 API 키</translation>
    </message>
    <message>
        <source>Project settings → General → Web API key</source>
        <translation>프로젝트 설정 → 일반 → 웹 API 키</translation>
    </message>
    <message>
        <source>Image address</source>
        <translation>이미지 주소</translation>
    </message>
    <message>
        <source>e.g. https://market.example.ac.kr/</source>
        <translation>예: https://market.example.ac.kr/</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>Use the &amp;demo market</source>
        <translation>데모 마켓 사용(&amp;D)</translation>
    </message>
    <message>
        <source>Use the built-in demo market</source>
        <translation>내장 데모 마켓 사용</translation>
    </message>
    <message>
        <source>&amp;Database URL:</source>
        <translation>데이터베이스 URL(&amp;D):</translation>
    </message>
    <message>
        <source>Web &amp;API key:</source>
        <translation>웹 API 키(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Images from:</source>
        <translation>이미지 주소(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>This is not a database address.</source>
        <translation>데이터베이스 주소가 아니에요.</translation>
    </message>
    <message>
        <source>Enter an address starting with https:// (or http://).</source>
        <translation>https://(또는 http://)로 시작하는 주소를 입력해 주세요.</translation>
    </message>
    <message>
        <source>Without an address, Oiso Chat runs a demo market on this computer.</source>
        <translation>주소가 없으면 오이소 채팅이 이 컴퓨터에서 데모 마켓을 실행해요.</translation>
    </message>
    <message>
        <source>https://NAME.firebaseio.com, https://NAME.REGION.firebasedatabase.app, or an oiso-server address such as http://192.168.0.10:9000</source>
        <translation>https://NAME.firebaseio.com, https://NAME.REGION.firebasedatabase.app, 또는 http://192.168.0.10:9000 같은 oiso-server 주소</translation>
    </message>
    <message>
        <source>Where the market&apos;s website serves item pictures (its address).</source>
        <translation>마켓 웹사이트가 물건 사진을 제공하는 곳(웹사이트 주소)이에요.</translation>
    </message>
    <message>
        <source>The language changes the next time Oiso Chat starts.</source>
        <translation>언어는 오이소 채팅을 다음에 시작할 때 바뀌어요.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::SignInDialog</name>
    <message>
        <source>&amp;Login id:</source>
        <translation>아이디(&amp;L):</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>설정(&amp;T)…</translation>
    </message>
    <message>
        <source>Sign in to Oiso Chat</source>
        <translation>오이소 채팅 로그인</translation>
    </message>
    <message>
        <source>Market database: %1</source>
        <translation>마켓 데이터베이스: %1</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Login id</source>
        <translation>아이디</translation>
    </message>
    <message>
        <source>e.g. minji_kim</source>
        <translation>예: minji_kim</translation>
    </message>
    <message>
        <source>Open the settings</source>
        <translation>설정 열기</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>이메일(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Sign in with the email and password of your market account.</source>
        <translation>마켓 계정의 이메일과 비밀번호로 로그인하세요.</translation>
    </message>
    <message>
        <source>&amp;Create an account instead</source>
        <translation>새 계정 만들기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>로그인(&amp;S)</translation>
    </message>
    <message>
        <source>Create an account. Your login id is the name other students see on your items and messages.</source>
        <translation>계정을 만드세요. 아이디는 다른 학생들이 내 물건과 메시지에서 보게 되는 이름이에요.</translation>
    </message>
    <message>
        <source>I &amp;have an account</source>
        <translation>이미 계정이 있어요(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>계정 만들기(&amp;C)</translation>
    </message>
    <message>
        <source>Your account has no login id yet. Choose the name other students will see on your items and messages.</source>
        <translation>계정에 아직 아이디가 없어요. 다른 학생들이 내 물건과 메시지에서 보게 될 이름을 정하세요.</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>계속(&amp;C)</translation>
    </message>
    <message>
        <source>3–20 characters: lower-case letters, digits, “_”, “.” or “-”.</source>
        <translation>3–20자: 영문 소문자, 숫자, “_”, “.”, “-”.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::SingleInstance</name>
    <message>
        <source>Oiso Chat is already running but did not accept the request.</source>
        <translation>오이소 채팅이 이미 실행 중이지만 요청을 받지 않았어요.</translation>
    </message>
    <message>
        <source>Oiso Chat is already running but does not respond. Close it (or end it in the task manager) and try again.</source>
        <translation>오이소 채팅이 이미 실행 중이지만 응답하지 않아요. 창을 닫거나 작업 관리자에서 끝낸 뒤 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>Could not check whether Oiso Chat is already running (%1).</source>
        <translation>오이소 채팅이 이미 실행 중인지 확인하지 못했어요(%1).</translation>
    </message>
</context>
<context>
    <name>oiso::ui::TimeFormat</name>
    <message>
        <source>default</source>
        <comment>The QLocale name of this translation&apos;s language, e.g. ko_KR. Leave as &quot;default&quot; to follow the system.</comment>
        <translation>ko_KR</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <source>Just now</source>
        <translation>방금</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <comment>a message&apos;s age in minutes</comment>
        <translation>
            <numerusform>%n분 전</numerusform>
        </translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>A day of this year in the chat list (QDate format). Korean: M월 d일</comment>
        <translation>M월 d일</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <comment>A day of another year in the chat list (QDate format). Korean: yyyy. M. d.</comment>
        <translation>yyyy. M. d.</translation>
    </message>
</context>
<context>
    <name>oiso::ui::TrayController</name>
    <message>
        <source>&amp;Show Oiso Chat</source>
        <translation>오이소 채팅 보기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <source>Oiso Chat — %n unread message(s)</source>
        <translation>
            <numerusform>오이소 채팅 — 안 읽은 메시지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Oiso Chat — no unread messages</source>
        <translation>오이소 채팅 — 안 읽은 메시지 없음</translation>
    </message>
    <message>
        <source>an item</source>
        <translation>물건</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>누군가</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>notification title: sender · item</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Oiso Chat is still running</source>
        <translation>오이소 채팅은 계속 실행 중이에요</translation>
    </message>
    <message>
        <source>New messages will still be announced. Quit from the tray icon&apos;s menu.</source>
        <translation>새 메시지가 오면 계속 알려 드려요. 끝내려면 트레이 아이콘 메뉴를 쓰세요.</translation>
    </message>
</context>
</TS>
