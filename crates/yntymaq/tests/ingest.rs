//! Ingest: every input kind, and every kind of bad input.

use std::io::Write;
use std::path::{Path, PathBuf};

use yntymaq::ingest::{read_inputs, IngestOptions, Item};
use yntymaq_core::Content;

fn read(paths: &[&Path]) -> Vec<Item> {
    read_inputs(paths.iter().map(|p| p.to_path_buf()).collect(), IngestOptions::default()).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Аким встретился с послом</title></head>\
<body><article><h1>Аким встретился с послом</h1><p>Аким области встретился с послом Германии.</p></article></body></html>";

fn warc_record(kind: &str, uri: &str, date: &str, payload: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        payload.len()
    )
    .into_bytes();
    r.extend_from_slice(payload);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(ctype: &str, body: &[u8]) -> Vec<u8> {
    let mut h =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    h.extend_from_slice(body);
    h
}

fn docs(items: &[Item]) -> Vec<&yntymaq_core::Document> {
    items.iter().filter_map(|i| if let Item::Doc(d) = i { Some(d.as_ref()) } else { None }).collect()
}

fn failures(items: &[Item]) -> Vec<&yntymaq::ingest::Failure> {
    items.iter().filter_map(|i| if let Item::Failed(f) = i { Some(f) } else { None }).collect()
}

fn sample_warc() -> Vec<u8> {
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251
        .encode("<html><body><p>Аким Павлодарской области принял делегацию.</p></body></html>");
    let mut w = Vec::new();
    w.extend(warc_record("warcinfo", "", "2024-10-03T11:15:00Z", b"software: test"));
    w.extend(warc_record(
        "response",
        "https://example.kz/a",
        "2024-10-03T11:15:00Z",
        &http("text/html; charset=utf-8", PAGE.as_bytes()),
    ));
    w.extend(warc_record("request", "https://example.kz/a", "2024-10-03T11:15:00Z", b"GET /a HTTP/1.1\r\n\r\n"));
    w.extend(warc_record(
        "response",
        "https://example.kz/logo.png",
        "2024-10-03T11:15:01Z",
        &http("image/png", b"\x89PNG"),
    ));
    w.extend(warc_record(
        "response",
        "https://example.kz/b",
        "2024-10-04T09:00:00Z",
        &http("text/html; charset=windows-1251", &cp1251),
    ));
    w
}

#[test]
fn warc_yields_each_html_response_with_url_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "crawl.warc", &sample_warc());
    let items = read(&[&p]);
    let d = docs(&items);
    assert_eq!(d.len(), 2, "two HTML responses, no request, image or warcinfo");
    assert!(failures(&items).is_empty());
    assert_eq!(d[0].url.as_deref(), Some("https://example.kz/a"));
    assert_eq!(d[0].published_hint.map(|d| d.to_string()).as_deref(), Some("2024-10-03"));
    assert!(d[0].source.offset.unwrap() > 0);
    assert!(d[1].source.offset.unwrap() > d[0].source.offset.unwrap());
    match d[1].content.as_ref().unwrap() {
        Content::Html(h) => assert!(h.contains("Аким Павлодарской области"), "cp1251 decoded: {h}"),
        other => panic!("expected HTML, got {other:?}"),
    }
}

#[test]
fn warc_gz_member_per_record_keeps_compressed_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Vec::new();
    let mut starts = Vec::new();
    let raw = sample_warc();
    // split the plain archive back into records and gzip each one
    let text = raw.clone();
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut i = 0;
    while let Some(pos) = text[i + 1..].windows(8).position(|w| w == b"WARC/1.0").map(|p| p + i + 1) {
        parts.push(text[i..pos].to_vec());
        i = pos;
    }
    parts.push(text[i..].to_vec());
    for part in &parts {
        starts.push(bytes.len() as u64);
        bytes.extend(gzip(part));
    }
    let p = write(dir.path(), "crawl.warc.gz", &bytes);
    let items = read(&[&p]);
    let d = docs(&items);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].source.offset, Some(starts[1]));
    assert_eq!(d[1].source.offset, Some(starts[4]));
}

#[test]
fn truncated_warc_record_is_an_error_after_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = sample_warc();
    let cut = w.len() - 40;
    w.truncate(cut);
    let p = write(dir.path(), "cut.warc", &w);
    let items = read(&[&p]);
    assert_eq!(docs(&items).len(), 1);
    let f = failures(&items);
    assert_eq!(f.len(), 1);
    assert!(f[0].error.contains("truncated"), "{}", f[0].error);
}

#[test]
fn truncated_gzip_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let gz = gzip(PAGE.repeat(50).as_bytes());
    let p = write(dir.path(), "page.html.gz", &gz[..gz.len() / 2]);
    let items = read(&[&p]);
    let f = failures(&items);
    assert_eq!(f.len(), 1, "{items:?}");
    assert!(docs(&items).is_empty());
}

#[test]
fn jsonl_keeps_ids_and_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "text": "Аким ВКО встретился с послом.", "url": "https://x.kz/1", "lang": "ru", "published": "2024-10-03"}"#,
        r#"{"id": "b", "text": "#,
        r#"{"id": 7, "html": "<p>Әкім елшімен кездесті.</p>"}"#,
        r#"{"text": "no id"}"#,
        "",
        r#"{"id": "c"}"#,
    ];
    let mut bytes = lines.join("\n").into_bytes();
    bytes.extend_from_slice(b"\n{\"id\": \"d\", \"text\": \"bad \xff utf8\"}\n");
    let p = write(dir.path(), "corpus.jsonl", &bytes);
    let items = read(&[&p]);
    let d = docs(&items);
    assert_eq!(d.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), vec!["a", "7"]);
    assert_eq!(d[0].url.as_deref(), Some("https://x.kz/1"));
    assert_eq!(d[0].lang_hint.as_deref(), Some("ru"));
    assert_eq!(d[0].published_hint.map(|x| x.to_string()).as_deref(), Some("2024-10-03"));
    assert!(matches!(d[1].content, Some(Content::Html(_))));
    let f = failures(&items);
    assert_eq!(f.len(), 4, "{f:?}");
    assert!(f[0].error.contains("malformed JSON") && f[0].source.line == Some(2));
    assert!(f[1].error.contains("id"));
    assert!(f[2].error.contains("text"));
    assert!(f[3].error.contains("UTF-8"));
}

#[test]
fn bad_files_are_errors_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a_empty.txt", b"");
    write(dir.path(), "b_binary.bin", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0");
    let mut broken = "Аким области встретился с послом Канады. ".repeat(5).into_bytes();
    broken.insert(30, 0xC3);
    write(dir.path(), "c_broken.txt", &broken);
    let mut huge = b"<html><body><p>".to_vec();
    huge.extend(std::iter::repeat_n(b'x', 10 << 20));
    write(dir.path(), "d_huge.html", &huge);
    write(dir.path(), "sub/e_good.txt", "Аким ВКО встретился с послом Германии.".as_bytes());
    write(dir.path(), ".hidden.txt", b"skipped");
    let items = read(&[dir.path()]);
    let ok = docs(&items);
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].id, "sub/e_good.txt");
    let f = failures(&items);
    let ids: Vec<&str> = f.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, vec!["a_empty.txt", "b_binary.bin", "c_broken.txt", "d_huge.html"]);
    assert!(f[0].error.contains("empty"));
    assert!(f[1].error.contains("binary"));
    assert!(f[2].error.contains("UTF-8"));
    assert!(f[3].error.contains("limit"));
}

#[test]
fn missing_path_is_an_error_not_a_panic() {
    let items = read(&[Path::new("/no/such/file.txt")]);
    let f = failures(&items);
    assert_eq!(f.len(), 1);
    assert!(f[0].error.contains("no such file"));
}

#[test]
fn cp1251_and_koi8_text_files_decode() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Аким Западно-Казахстанской области подписал меморандум с провинцией Шаньдун. Стороны обсудили торговлю.";
    let (a, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let (b, _, _) = encoding_rs::KOI8_R.encode(text);
    let pa = write(dir.path(), "a.txt", &a);
    let pb = write(dir.path(), "b.txt", &b);
    for item in read(&[&pa, &pb]) {
        match item {
            Item::Doc(d) => assert_eq!(d.content, Some(Content::Text(text.to_owned()))),
            Item::Failed(f) => panic!("{f:?}"),
        }
    }
}
