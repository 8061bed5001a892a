//! A recording HTTP proxy in front of DynamoDB Local: it notes each
//! request's operation, content type and body as they crossed the wire,
//! and forwards them unchanged (or, when told to, answers the next
//! requests with an injected error instead). It wraps the real service, so
//! what it lets through is really executed.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One request as it crossed the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// `X-Amz-Target`: `DynamoDB_20120810.PutItem` and so on.
    pub target: String,
    /// `Content-Type`.
    pub content_type: String,
    /// The body's bytes.
    pub body: Vec<u8>,
}

#[derive(Debug, Default)]
struct State {
    seen: Vec<Recorded>,
    /// Answers the next requests get instead of being forwarded.
    inject: Vec<(u16, String)>,
}

/// The proxy: its endpoint, and what it saw.
#[derive(Debug, Clone)]
pub struct Proxy {
    /// `http://127.0.0.1:port`.
    pub endpoint: String,
    state: Arc<Mutex<State>>,
}

impl Proxy {
    /// Starts a proxy to `upstream` (an `http://host:port` endpoint).
    pub async fn start(upstream: &str) -> Proxy {
        let upstream = upstream
            .strip_prefix("http://")
            .expect("an http endpoint")
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(serve(client, upstream.clone(), Arc::clone(&shared)));
            }
        });
        Proxy { endpoint, state }
    }

    /// What the proxy saw so far, and forgets it.
    pub fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut self.state.lock().expect("proxy").seen)
    }

    /// Leaves the next `times` requests without an answer (a stalled
    /// server), for timeouts.
    pub fn stall(&self, times: usize) {
        let mut state = self.state.lock().expect("proxy");
        state
            .inject
            .extend(std::iter::repeat_n((0, String::new()), times));
    }

    /// Answers the next `times` requests with DynamoDB's error `code`
    /// (HTTP `status`) instead of forwarding them.
    pub fn inject(&self, times: usize, status: u16, code: &str) {
        let body = format!(
            r#"{{"__type":"com.amazonaws.dynamodb.v20120810#{code}","message":"injected by the test proxy"}}"#
        );
        let mut state = self.state.lock().expect("proxy");
        state
            .inject
            .extend(std::iter::repeat_n((status, body), times));
    }
}

async fn serve(client: TcpStream, upstream: String, state: Arc<Mutex<State>>) {
    let Ok(server) = TcpStream::connect(&upstream).await else {
        return;
    };
    let (client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let (answers, mut injected) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    // answers: the server's bytes, or an injected answer, back to the client
    tokio::spawn(async move {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            tokio::select! {
                n = server_read.read(&mut buf) => match n {
                    Ok(0) | Err(_) => break,
                    Ok(n) => if client_write.write_all(&buf[..n]).await.is_err() { break },
                },
                answer = injected.recv() => match answer {
                    Some(a) => if client_write.write_all(&a).await.is_err() { break },
                    None => break,
                },
            }
        }
    });
    let mut reader = BufReader::new(client_read);
    loop {
        let mut head = Vec::new();
        let (mut length, mut target, mut content_type) = (0usize, String::new(), String::new());
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            head.extend_from_slice(line.as_bytes());
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                let value = value.trim().to_owned();
                match name.to_ascii_lowercase().as_str() {
                    "content-length" => length = value.parse().unwrap_or(0),
                    "x-amz-target" => target = value,
                    "content-type" => content_type = value,
                    _ => {}
                }
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let injected_answer = {
            let mut state = state.lock().expect("proxy");
            state.seen.push(Recorded {
                target,
                content_type,
                body: body.clone(),
            });
            (!state.inject.is_empty()).then(|| state.inject.remove(0))
        };
        if let Some((status, text)) = injected_answer {
            if status == 0 {
                continue; // stalled: no answer at all
            }
            let answer = format!(
                "HTTP/1.1 {status} Injected\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\n\r\n{text}",
                text.len()
            );
            if answers.send(answer.into_bytes()).is_err() {
                return;
            }
            continue;
        }
        if server_write.write_all(&head).await.is_err()
            || server_write.write_all(&body).await.is_err()
        {
            return;
        }
    }
}
