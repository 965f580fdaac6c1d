//! The server loop: documents opened and changed are re-checked once the queue of incoming messages
//! is drained, and requests are answered from the last good syntax tree; a bug answers, not aborts.

use std::error::Error;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use indexmap::IndexMap;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CompletionOptions, CompletionParams, CompletionResponse, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse,
    HoverParams, HoverProviderCapability, InitializeResult, Location, OneOf, Position,
    PositionEncodingKind, PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
};

use crate::model::SourceLoader;
use crate::{DirLoader, Options};

use super::convert::{self, path_of, uri_of};
use super::definition::{self, Target};
use super::document::{Document, View};
use super::{completion, diagnostics, hover, symbols};

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// Serves one client on stdin and stdout until it says `exit` or closes the input; only an `exit`
/// without `shutdown` is an error.
pub fn run(options: Options) -> Result<()> {
    let (connection, io_threads) = Connection::stdio();
    let (id, _) = match connection.initialize_start() {
        Ok(started) => started,
        // A client that goes away before it is initialized (its pipe closed) leaves nothing to serve.
        Err(e) if e.channel_is_disconnected() => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "cachec".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    match connection.initialize_finish(id, serde_json::to_value(result)?) {
        Err(e) if e.channel_is_disconnected() => return Ok(()),
        finished => finished?,
    }
    let clean = Server {
        connection: &connection,
        options,
        docs: IndexMap::new(),
    }
    .serve()?;
    drop(connection);
    io_threads.join()?;
    if clean {
        Ok(())
    } else {
        Err("the client exited without asking to shut down".into())
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), "[".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

struct Server<'a> {
    connection: &'a Connection,
    options: Options,
    docs: IndexMap<Uri, Document>,
}

/// Whether to go on, or stop after a shutdown (clean) or a bare `exit`.
enum Flow {
    Go,
    Stop { clean: bool },
}

impl Server<'_> {
    fn serve(&mut self) -> Result<bool> {
        // A closed input without `exit` is a client that went away: the end of the session, not a
        // fault (only a bare `exit` is, as the protocol says).
        while let Ok(first) = self.connection.receiver.recv() {
            let mut next = Some(first);
            // Everything already queued is applied before checking, so a burst of keystrokes
            // costs one check.
            while let Some(msg) = next {
                if let Flow::Stop { clean } = self.handle(msg)? {
                    return Ok(clean);
                }
                next = self.connection.receiver.try_recv().ok();
            }
            self.publish_stale();
        }
        Ok(true)
    }

    fn handle(&mut self, msg: Message) -> Result<Flow> {
        match msg {
            Message::Request(req) => {
                if self.connection.handle_shutdown(&req)? {
                    return Ok(Flow::Stop { clean: true });
                }
                self.publish_stale();
                let id = req.id.clone();
                let method = req.method.clone();
                let response =
                    catch_unwind(AssertUnwindSafe(|| self.answer(req))).unwrap_or_else(|_| {
                        let message = format!("cachec failed answering {method}");
                        Response::new_err(id, ErrorCode::InternalError as i32, message)
                    });
                self.connection.sender.send(response.into())?;
            }
            Message::Notification(n) if n.method == "exit" => {
                return Ok(Flow::Stop { clean: false });
            }
            Message::Notification(n) => {
                let method = n.method.clone();
                if catch_unwind(AssertUnwindSafe(|| self.notified(n))).is_err() {
                    eprintln!("cachec lsp: failed handling {method}");
                }
            }
            Message::Response(_) => {}
        }
        Ok(Flow::Go)
    }

    fn notified(&mut self, n: Notification) {
        let result = match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                n.extract(DidOpenTextDocument::METHOD)
                    .map(|p: DidOpenTextDocumentParams| {
                        let doc = p.text_document;
                        self.docs
                            .insert(doc.uri, Document::new(doc.text, doc.version));
                    })
            }
            DidChangeTextDocument::METHOD => {
                n.extract(DidChangeTextDocument::METHOD)
                    .map(|p: DidChangeTextDocumentParams| {
                        if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                            for change in p.content_changes {
                                doc.apply(change);
                            }
                            doc.version = p.text_document.version;
                        }
                    })
            }
            DidCloseTextDocument::METHOD => {
                n.extract(DidCloseTextDocument::METHOD)
                    .map(|p: DidCloseTextDocumentParams| {
                        let uri = p.text_document.uri;
                        self.docs.shift_remove(&uri);
                        self.publish(uri, Vec::new(), None);
                    })
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            eprintln!("cachec lsp: ignored a malformed notification: {e:?}");
        }
    }

    fn answer(&self, req: Request) -> Response {
        match req.method.as_str() {
            HoverRequest::METHOD => reply(req, |p: HoverParams| {
                let at = p.text_document_position_params;
                self.at(&at.text_document.uri, at.position, hover::hover)
            }),
            GotoDefinition::METHOD => reply(req, |p: GotoDefinitionParams| {
                let at = p.text_document_position_params;
                self.definition(&at.text_document.uri, at.position)
            }),
            Completion::METHOD => reply(req, |p: CompletionParams| {
                let at = p.text_document_position;
                let doc = self.docs.get(&at.text_document.uri)?;
                let offset = convert::offset(&doc.text, at.position);
                let parsed = doc.parsed.as_ref().map(|p| &p.file);
                Some(CompletionResponse::Array(completion::complete(
                    &doc.text, offset, parsed,
                )))
            }),
            DocumentSymbolRequest::METHOD => reply(req, |p: DocumentSymbolParams| {
                let doc = self.docs.get(&p.text_document.uri)?;
                Some(DocumentSymbolResponse::Nested(symbols::outline(
                    &doc.view()?,
                )))
            }),
            // One edit replacing the whole text; a program that does not parse is left alone.
            Formatting::METHOD => reply(req, |p: DocumentFormattingParams| {
                let doc = self.docs.get(&p.text_document.uri)?;
                let formatted = crate::fmt::format(&doc.text).ok()?;
                let whole = convert::range(&doc.text, crate::span::Span::new(0, doc.text.len()));
                Some(vec![TextEdit::new(whole, formatted)])
            }),
            _ => Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("cachec lsp does not answer {}", req.method),
            ),
        }
    }

    /// Runs `f` on the last good tree at a position of the current text.
    fn at<T>(&self, uri: &Uri, position: Position, f: impl Fn(&View, usize) -> T) -> Option<T> {
        let doc = self.docs.get(uri)?;
        let view = doc.view()?;
        Some(f(&view, convert::offset(&doc.text, position)))
    }

    fn definition(&self, uri: &Uri, position: Position) -> Option<GotoDefinitionResponse> {
        let folder = path_of(uri).and_then(|p| p.parent().map(PathBuf::from));
        let target = self.at(uri, position, |view, offset| {
            definition::definition(view, offset, folder.as_deref())
        })??;
        let doc = self.docs.get(uri)?;
        let location = match target {
            Target::Here(span) => Location::new(uri.clone(), convert::range(&doc.text, span)),
            Target::File(path) => Location::new(uri_of(&path)?, Range::default()),
        };
        Some(GotoDefinitionResponse::Scalar(location))
    }

    /// Checks every document changed since the last round and publishes its diagnostics.
    fn publish_stale(&mut self) {
        let mut rounds = Vec::new();
        for (uri, doc) in self.docs.iter_mut().filter(|(_, d)| d.stale) {
            doc.stale = false;
            let checked = catch_unwind(AssertUnwindSafe(|| {
                doc.reparse();
                let loader = loader_for(uri);
                crate::check(&doc.text, loader.as_ref(), &self.options)
            }));
            let Ok(checked) = checked else {
                eprintln!("cachec lsp: failed checking {}", uri.as_str());
                continue;
            };
            let diags = checked
                .diags
                .iter()
                .map(|d| diagnostics::to_lsp(d, uri, &doc.text))
                .collect();
            rounds.push((uri.clone(), diags, Some(doc.version)));
        }
        for (uri, diags, version) in rounds {
            self.publish(uri, diags, version);
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        // A failed send means the client is gone; the receive loop ends on its own then.
        let _ = self.connection.sender.send(note.into());
    }
}

/// Decodes a request's parameters and answers with `f`'s result, or with `InvalidParams`.
fn reply<P, T>(req: Request, f: impl FnOnce(P) -> T) -> Response
where
    P: serde::de::DeserializeOwned,
    T: serde::Serialize,
{
    match serde_json::from_value::<P>(req.params) {
        Ok(params) => Response::new_ok(req.id, f(params)),
        Err(e) => Response::new_err(req.id, ErrorCode::InvalidParams as i32, e.to_string()),
    }
}

/// Function sources are read relative to the document's folder; an unsaved document has none.
fn loader_for(uri: &Uri) -> Box<dyn SourceLoader> {
    match path_of(uri).and_then(|p| p.parent().map(PathBuf::from)) {
        Some(folder) => Box::new(DirLoader(folder)),
        None => Box::new(Unsaved),
    }
}

struct Unsaved;

impl SourceLoader for Unsaved {
    fn load(&self, _: &str) -> std::result::Result<String, String> {
        Err("the document is not saved in a folder, so the path has no base".into())
    }
}
