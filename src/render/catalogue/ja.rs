//! 日本語 (Japanese). Dates as 2026年11月28日, yen as 1,234円 in sentences
//! (¥1,234 in tables), and today's legal term 契約不適合責任 with the old
//! 瑕疵担保 beside it, as customers still search for it.

use chrono::{Datelike, NaiveDate};

use super::clauses::{
    Assumed, DaysLeft, Outcome, RuleReason, Unknown, WarrantyClause, WarrantyLine,
};
use super::template::Tpl;
use super::{Catalogue, Text};
use crate::batch::{
    Decided, FactSource, Fallback, HeaderProblem, LineProblem, Reading, RowError, RowProblem,
    TicketColumn,
};
use crate::coverage::{
    Cause, Classification, Condition, Kind, KnownCause, RuleId, Stage, Try, Verdict, WarrantyFrom,
};
use crate::date::Era;
use crate::file_error::{Refused, SyntaxLine, Token, Wanted};
use crate::intake::Field;
use crate::intake::Values;
use crate::money::{Yen, group_thousands as group};
use crate::quote::{Factor, Recurrence, Why};
use crate::rates::{Estimate, Work};
use crate::render::escape;
use crate::system::{Complexity, Per, Platform, ServiceKind, WebSystemKind};
use crate::vocab::{Expected, GapFrom, Got};

pub struct Ja;

fn d(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

fn yen(y: Yen) -> String {
    let sign = if y.0 < 0 { "-" } else { "" };
    format!("{sign}{}円", group(y.0.unsigned_abs()))
}

fn work_name(w: Work) -> &'static str {
    match w {
        Work::Monitoring => "監視",
        Work::Backups => "バックアップ",
        Work::Restore => "障害時の復旧",
        Work::OwnDefects => "システム自体の不具合の修正",
        Work::ExternalCauses => "外部の変化への対応（OS・ブラウザ・API・決済代行会社・法令）",
        Work::MinorImprovements => "軽微な改善要望",
    }
}

/// A line of the TOML parser's message.
fn syntax_line(line: &SyntaxLine) -> String {
    let said = match line {
        SyntaxLine::TableHeader => "表の見出し [...] が正しくありません",
        SyntaxLine::Array => "配列 [...] が正しくありません",
        SyntaxLine::InlineTable => "インラインテーブル {...} が正しくありません",
        SyntaxLine::String => "値が正しくありません（文字列は \"...\" で囲みます）",
        SyntaxLine::BasicString | SyntaxLine::LiteralString => "文字列が閉じていません",
        SyntaxLine::Key => "キーが正しくありません",
        SyntaxLine::Integer => "整数が正しくありません",
        SyntaxLine::Float => "小数が正しくありません",
        SyntaxLine::Expected(tokens) => {
            let tokens: Vec<&str> = tokens
                .iter()
                .map(|t| match t {
                    Token::Newline => "改行",
                    Token::Digit => "数字",
                    Token::Literal(l) => l,
                })
                .collect();
            return format!("{} のいずれかが必要です", tokens.join(", "));
        }
        SyntaxLine::DuplicateKey { key, .. } => return format!("キー {key} が重複しています"),
        SyntaxLine::Said(words) => return words.clone(),
    };
    said.to_owned()
}

/// What a value must be.
fn expected(e: Expected) -> &'static str {
    match e {
        Expected::WholeFromOne => "1以上の整数",
        Expected::WholeFromZero => "0以上の整数",
        Expected::YenFromOne => "1以上の整数（円）",
        Expected::YenFromZero => "0以上の整数（円）",
        Expected::PriceFromZero => "0以上の整数の価格（円）",
        Expected::Percent => "0〜100の整数（%）",
        Expected::PercentFromOne => "1〜100の整数（%）",
        Expected::Term => "1〜120の整数の月数、または \"statutory\"",
        Expected::Date => "日付 YYYY-MM-DD",
        Expected::ClosedDay => "休業日（1日だけなら \"YYYY-MM-DD\"、毎年なら \"MM-DD\"）",
        Expected::MonthOfYear => "1〜12の月",
        Expected::YearMonth => "年月（\"YYYY-MM\"）",
        Expected::Text => "文字列",
        Expected::TextOrList => "文字列、または文字列のリスト",
        Expected::Boolean => "true か false",
        Expected::List => "リスト",
        Expected::Table => "表",
    }
}

/// A value as the parser gave it.
fn got_words(g: &Got) -> String {
    match g {
        Got::Text(t) => format!("文字列 \"{t}\""),
        Got::Integer(n) => format!("整数 `{n}`"),
        Got::Float(x) => format!("小数 `{x}`"),
        Got::Boolean(b) => format!("真偽値 `{b}`"),
        Got::List => "リスト".to_owned(),
        Got::Table => "表".to_owned(),
        Got::Other(words) => words.clone(),
    }
}

impl Catalogue for Ja {
    fn month(&self, m: crate::date::Month) -> String {
        month_words(m)
    }

    fn values(&self, v: Values) -> &'static str {
        match v {
            Values::Date => "日付 YYYY-MM-DD",
            Values::Answer => "はい、いいえ、不明（yes, no, unknown）",
            Values::Kind => {
                "不具合、仕様変更、軽微、障害、運用作業（defect, change, minor, incident, operation）"
            }
            Values::Term => "1〜120の整数の月数、または法定（statutory）",
            Values::Plan => "料金表のプラン",
            Values::From => "納品、検収（delivery, acceptance）",
        }
    }

    fn fact_name(&self, f: Field) -> &'static str {
        f.ja_column()
    }

    fn era(&self, e: Era) -> &'static str {
        match e {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    #[rustfmt::skip]
    fn template(&self, t: Tpl) -> &'static str {
        match t {
            Tpl::UsageNotAMonth => "`{text}` は年月ではありません。YYYY-MM（2026-12）で指定してください",
            Tpl::UsageNeedsProjectColumn => "`invoice --all --tickets FILE` には --project-column HEADER（各チケットの契約を示す列：システム名・取引先・契約番号）が必要です。契約ごとのファイルなら --tickets-dir を使ってください",
            Tpl::UsageNeedsRegistration => "適格請求書には発行者の登録番号が必要です。事業者プロファイルに `registration = \"T…\"` を追加してください",
            Tpl::UsageNoRegister => "記録する台帳がありません。--register FILE を指定するか、HOSHU_REGISTER を設定するか、事業者プロファイルに `register = \"register.sqlite\"` を書いてください。台帳は `hoshu register init FILE` で作成します",
            Tpl::UsageBinaryToTerminal => "--format {format} はバイナリファイルを書き出すため、端末には表示できません。--output FILE を指定するか、リダイレクトしてください: > quote.{format}",
            Tpl::UsageAlreadyThere => "{path} は既にあります。そのファイルを編集するか、作り直す場合は先に削除してください",
            Tpl::UsageNoConfigDir => "設定フォルダが分かりません（HOME は設定されていますか）。--output FILE を指定してください",
            Tpl::UsageNoBrowser => "HOSHU_CHROME に指定された {path} はファイルではありません。Chromium または Chrome のプログラムを指定するか、設定を外してください",
            Tpl::UsageNoBrowser2 => "--format pdf はヘッドレスの Chromium で印刷しますが、PATH に見つかりません（chromium、chromium-browser、google-chrome）。インストールするか（Debian・Ubuntu: sudo apt-get install chromium、macOS: brew install --cask chromium）、HOSHU_CHROME で指定してください。--format html なら同じ書類をブラウザから印刷できます",
            Tpl::UsageNoJapaneseFont => "--format pdf にはブラウザが使える日本語フォントが必要ですが、`fontconfig` が知るフォントがありません。このままでは日本語がすべて四角（豆腐）になります。フォントを入れてから印刷し直してください（Debian・Ubuntu: `sudo apt-get install fonts-noto-cjk`）",
            Tpl::UsageBrowserFailed => "{browser} で PDF を作成できませんでした（{detail}）。--format html なら同じ書類をブラウザから印刷できます",
            Tpl::UsageBrowserTimedOut => "{browser} が{seconds}秒以内に PDF を作成しなかったため止めました。HOSHU_PDF_TIMEOUT=秒数 で延ばせます。--format html なら同じ書類をブラウザから印刷できます",
            Tpl::UsageCellTooLong => "「{start}…」は{chars}文字あり、ワークシートのセルに入る32,767文字を超えます。システム記述で短くするか、別の --format を使ってください",
            Tpl::UsageAmountNotExact => "{amount}は表計算ソフトで正確に扱える額（2^53 = 9,007,199,254,740,992）を超えます。--format json か csv を使ってください",
            Tpl::UsageFactInFile => "{file}: `{key}`: {problem}",
            Tpl::UsageNoWorkFolder => "ブラウザの作業フォルダを {dir} に作れません（{detail}）。場所は TMPDIR で決まります。書き込めるフォルダを指定してください",
            Tpl::UsageBadSeconds => "{variable} が `{value}` です。1〜3600 の秒数を指定してください（既定は{default}）",
            Tpl::UsageCannotRender => "見積を {format} で書き出せません: {detail}",
            Tpl::UsageOneCaseFlagsInBatch => "--explain、--exit-code、--hours は1件の判定用です。一括判定では各行の判定が出力に入ります（終了コードには --fail-on を使ってください）",
            Tpl::UsageOneCaseFormatInBatch => "--format table と markdown は1件の判定用です。一括判定は csv か jsonl で書き出します",
            Tpl::UsageBatchFormatForOneCase => "--format csv と jsonl は --batch 用です。1件の判定は table、json、markdown で表示します",
            Tpl::UsageSystemsFolder => "--systems {dir}: フォルダを読めません（{detail}）",
            Tpl::UsageNoSystems => "--systems {dir}: フォルダにシステムファイル（*.toml）がありません。顧客ごとに1つ置いてください",
            Tpl::UsageProjectTwice => "--systems {dir}: プロジェクト `{name}`（ファイル名か `name`）にあたるシステムファイルが2つあります。どちらか分からないので、一方の名前を変えてください",
            Tpl::UsageExcelNeedsCsv => "--excel・--output-encoding・--result-columns は CSV の出力のためのものですが、出力は JSON Lines です（--format csv を指定してください）",
            Tpl::UsageRejectsToStdout => "--rejects -: 出力が既に標準出力に出ています。--output か --rejects のファイルを指定してください",
            Tpl::UsageBatchInput => "--batch {path}: ファイルを読めません: {detail}",
            Tpl::UsageBatchInputFolder => "--batch {path}: フォルダです。判定するファイルを指定してください",
            Tpl::UsageDefaultPlan => "--plan も [maintenance] plan もないため既定の `standard` を使いました",
            Tpl::UsageCannotPrice => "{file}: このシステムは見積もれません",
            Tpl::UsageNotAnAmount => "`{text}` は金額ではありません。0以上の整数の円で指定してください（例: 550000）",
            Tpl::UsageNotHours => "`{text}` は時間数ではありません。0より大きく10000以下の数で、小数第2位まで指定してください（例: 3、1.5、0.25）",
            Tpl::UsageNotAPercent => "`{text}` はパーセントではありません。10 や 2.5 のように指定してください",
            Tpl::UsageNotAColumnRule => "`{text}` は「事実=見出し」の形ではありません。事実は {allowed} のいずれかです",
            Tpl::UsageMissingFlag => "必要なフラグがありません: {flags}",
            Tpl::UsageFlagConflict => "'{flag}' と '{other}' は一緒に使えません",
            Tpl::UsageOutputLinkLoop => "{flag} {path}: シンボリックリンクの階層が深すぎます",
            Tpl::UsageOutputSameFile => "{flag} {path} と {other} {path2} は同じファイルです。別々のファイルを指定してください",
            Tpl::UsageOutputIsInput => "{flag} {path}: 入力 {input} と同じファイルです。書き込むと入力が失われるため、別のファイルを指定してください",
            Tpl::UsageOutputNotKeptOwner => "{flag} {path}: 書き込みましたが、ファイルの所有者を保てませんでした（{detail}）。所有者は実行したユーザーになっています",
            Tpl::UsageOutputNotKeptAcl => "{flag} {path}: 書き込みましたが、アクセス制御リスト（ACL）を保てませんでした（{detail}）。ACL で許可されていたユーザーとグループはアクセスできなくなっています。`getfacl` で確かめてください",
            Tpl::UsageOutputCreate => "{flag} {path}: {dir} にファイルを作成できません: {detail}",
            Tpl::UsageOutputWrite => "{flag} {path}: ファイルに書き込めません: {detail}",
            Tpl::RegisterInvoiced => "{contract} の {period} 分は `{existing}` で請求済みです。訂正するには `--revises {existing}` を、やり直すには先に取り消してください",
            Tpl::RegisterCredited => "請求書 `{invoice}` の返還インボイスは発行済みです（`{existing}`）",
            Tpl::RegisterDatabase => "台帳 {path} を使えません（{detail}）。何も書き込んでいません（別の hoshu が使用中か、ディスクの空きがない可能性があります）",
            Tpl::RegisterNotARegister => "{path} は hoshu の台帳ではありません（別のデータベースです）。何も書き込んでいません",
            Tpl::RegisterTooNew => "台帳 {path} は新しい hoshu で作られています（スキーマ {version}）。hoshu を更新してください",
            Tpl::RegisterExists => "{path} は既にあります。台帳は一度だけ作ります（内容は `hoshu register list --register {path}` で確認できます）",
            Tpl::RegisterMissing => "{path} に台帳がありません。`hoshu register init {path}` で作成してください",
            Tpl::RegisterUnknownNumber => "台帳に番号 `{number}` の書類はありません（`hoshu register list` で一覧できます）",
            Tpl::RegisterCancelled => "`{number}` は取り消し済みのため、改訂も再度の取り消しもできません。新しい書類として発行してください",
            Tpl::RegisterNotLatest => "`{number}` には新しい版 `{latest}` があります。最新の版を改訂してください",
            Tpl::RegisterNumberTaken => "採番の書式が台帳に既にある番号 `{number}` を出しました。書式を以前使ったものに戻したためです。事業者プロファイルの `[numbering] quote` を変えてください",
            Tpl::TicketsNoProjectColumn => "チケットのファイルに `{header}` 列（--project-column）がありません",
            Tpl::TicketsUnknownProject => "チケットのファイルの{line}行目：プロジェクト `{got}` に当たる今月の契約がありません（システム名・取引先・契約番号のいずれか）。何も発行していません",
            Tpl::TicketsNotAResult => "チケットのファイルに `verdict`（判定）列がありません。`hoshu classify --batch` の結果ではありません。先に一括判定して、その結果を指定してください",
            Tpl::TicketsNoVerdict => "チケットのファイルの{line}行目に判定がありません（一括判定でエラーになった行です）。行を直して一括判定をやり直してください",
            Tpl::TicketsNoVerdict2 => "チケットのファイルの{line}行目：`{got}` は判定ではありません。使える値：`covered`・`billable`・`negotiate`（または一括判定が書いた言葉）",
            Tpl::TicketsNotItsRule => "チケットのファイルの{line}行目は「{verdict}」ですが、そのルール `{rule}` の判定は「{decides}」です。一括判定の後にファイルが書き換えられています。判定し直すか、話し合いで決めた判定ならルールの欄を空にしてください",
            Tpl::TicketsUnknownRule => "チケットのファイルの{line}行目：`{got}` は hoshu のルールではありません。一括判定し直してください",
            Tpl::TicketsNotHours => "チケットのファイルの{line}行目：`{got}` は作業時間ではありません（0より大きく1万時間まで、0.01時間単位）",
            Tpl::TicketsUnreadable => "チケットのファイルの{line}行目が読めません：{message}",
            Tpl::InvoiceNeedsCode => "事業者の採番に取引先コード（`{{code}}`）がありますが、契約 `{number}` にはありません。[quote] に `customer_code` を入れて発行し直してください",
            Tpl::InvoiceNotAContract => "`{number}` は台帳にある見積書ではありません。契約は見積書の番号で指定してください（`hoshu register list --kind quote`）",
            Tpl::InvoiceContractCancelled => "契約 `{number}` は取り消されているため請求できません",
            Tpl::InvoiceNotAnInvoice => "`{number}` は台帳にある請求書ではありません。返還インボイスは請求書の番号で指定してください（`hoshu register list --kind invoice`）",
            Tpl::InvoiceNotCancelled => "請求書 `{number}` は有効なままです。先に取り消してから（`hoshu register cancel {number} --reason \"…\"`）返還インボイスを発行してください",
            Tpl::InvoiceDoesNotAddUp => "台帳の請求書 `{number}` は明細・消費税・合計が合いません。返還インボイスは作りません（`hoshu register verify` で台帳を確認してください）",
            Tpl::InvoiceNoHours => "チケット `{id}`（{line}行目）は有償ですが作業時間がありません。作業時間（`hours` 列。見積なら `予定時間` 列）を入れてから請求してください",
            Tpl::UsageNoFirm => "見積書・請求書には発行者が必要ですが、事業者プロファイルが見つかりません。--firm FILE を指定するか、HOSHU_FIRM を設定するか、{config} に firm.toml を置いてください（`hoshu init firm` でひな形を作成できます）",
            Tpl::YourConfigFolder => "設定フォルダ",
            Tpl::UsageBadPicture => "発行元プロファイルの `{key}` の {path}: {problem}",
            Tpl::PictureUnreadable => "ファイルを読めません（{detail}）",
            Tpl::PictureTooLarge => "1MiB を超えています。小さな画像にしてください",
            Tpl::PictureNotAnImage => "PNG・JPEG・SVG の画像ではありません",
            Tpl::UsageFirmIsTemplate => "{file}: 先に発行元プロファイルを書き換えてください。まだ `hoshu init firm` の架空の会社のひな形です{keys}。自社の情報を入れてから `template = true` の行を削除してください",
            Tpl::FirmTemplateKeys => "（ひな形のままの項目: {keys}）",
            Tpl::UsageUnknownPreset => "`{got}` というプリセットはありません。プリセット: {presets}{suggestion}",
            Tpl::DidYouMean => "。`{name}` のことですか？",
            Tpl::UsageFlagValue => "{flag} の値 '{value}' は使えません{reason}{allowed}",
            Tpl::FlagValueReason => ": {reason}",
            Tpl::FlagValueAllowed => "。使える値: {allowed}",
            Tpl::UsageUnknownFlag => "'{flag}' というフラグはありません{suggestion}（hoshu COMMAND --help で一覧を表示します）",
            Tpl::UsageUnknownCommand => "'{command}' というコマンドはありません{suggestion}",
            Tpl::FlagDidYouMean => "。'{name}' のことですか？",
            Tpl::UsageOutputNotAFile => "{flag} {path}: 通常のファイルではなく{what}です。書き出すファイルのパスを指定してください",
            Tpl::NodeFolder => "フォルダ",
            Tpl::NodeFifo => "FIFO",
            Tpl::NodeDevice => "デバイス",
            Tpl::NodeSocket => "ソケット",
            Tpl::NodeOther => "特殊なファイル",
            Tpl::RegisterAfterRecord => "{seq}件目より後",
            Tpl::RegisterRecord => "{seq}件目（`{number}`）",
            Tpl::RegisterChanged => "台帳が改変されています：{which}の記録が hoshu の書いた内容と違います（内容からハッシュが再現しません）。バックアップから台帳を戻してください",
            Tpl::RegisterChain => "台帳が改変されています：{which}の記録が直前の記録につながりません（削除か挿入があります）。バックアップから台帳を戻してください",
            Tpl::RegisterTruncated => "台帳が改変されています：{which}の記録がありません（台帳の末尾情報はさらに後の記録を示しています）。バックアップから台帳を戻してください",
            Tpl::TicketsNoIdColumn => "チケットのファイルにチケット番号として読める列がありません。使える見出し：{headers}",
            Tpl::InvoiceCreditBeforeInvoice => "請求書 `{number}` の発行日は{issued}です。返還インボイスの日付（--date）はその日以降にしてください",
            Tpl::InvoiceOutOfTerm => "{month}の時点で契約は有効ではありません（契約期間：{start}{end}）",
            Tpl::TermEnd => "〜{end}",
            Tpl::TermOpen => "〜",
            Tpl::InvoicePastCalendar => "支払期限 {day} は hoshu の祝日カレンダー（2099年まで）の範囲外です",
            Tpl::HeaderName => "`{header}`",
            Tpl::ListSep => "、",
            Tpl::KeyMissing => "がありません。必須のキーです",
            Tpl::KeyTooSmall => "が{got}です。{min}以上にしてください",
            Tpl::KeyEmpty => "が空です。名前を入れてください",
            Tpl::KeyEndBeforeStart => "が{end}で、開始日{start}より前です。終了日は開始日以降にしてください",
            Tpl::KeyLinkedAlone => "が1台のサーバーで true になっています。連携はグループ内のサーバー同士のものなので、連携するグループは `count` を2以上にしてください",
            Tpl::KeyUnknownPlan => "のプラン `{plan}` は料金表にありません。使えるプラン: {known}{suggestion}",
            Tpl::KeyDuplicate => "で名前 `{name}` が重複しています。名前は重ならないようにしてください",
            Tpl::KeyTiersOutOfOrderLimitTraffic => "アクセス数",
            Tpl::KeyTiersOutOfOrderLimitPages => "ページ数",
            Tpl::KeyTiersOutOfOrder => "の区分は、上限（{limit}）が増える順に、価格が下がらないように並べてください。多いほど安くならないようにするためです",
            Tpl::KeyLastTierBounded => "の最後の区分は上限なしにしてください。どの入力もいずれかの区分に入るようにするためです",
            Tpl::KeyNoEntries => "が空です。1件以上必要です",
            Tpl::KeyProvidersWithoutMethod => "は無効な決済方法の代行会社数です。{method} = true にするか、この数を削除してください",
            Tpl::KeyNeedsRollover => "は休業日の指定で、民法142条の繰り延べでのみ使います。[delivery] holiday_rollover = true にするか、削除してください",
            Tpl::KeyNeedsPlan => "に契約期間がありますが、プランがありません。plan = \"…\" を追加するか、終了した契約なら previous_end だけを指定してください",
            Tpl::KeyEndBeforeDelivery => "が{end}で、納品日{delivered}より前です。保守契約は納品後に終わります",
            Tpl::KeyAfterQuoteDate => "が{got}で、見積日{date}より後です。見積日以前の日を指定してください",
            Tpl::KeyBadRegistration => "の `{got}` は登録番号ではありません。T と法人番号13桁（先頭の1桁が残りを検査するチェックディジット）で書いてください（例: T7123456789012）",
            Tpl::KeyNotYetEffective => "によると料金表 {version} の適用は{effective}からですが、見積日は{date}です。見積日を{effective}以降にするか、その時点で有効な料金表を使ってください",
            Tpl::KeyRenewsMonthly => "は年額のサービス（`per = \"year\"`）の更新月です。このサービスは毎月請求するので、`renews` を削除してください",
            Tpl::KeyOutsideTermSome => "が {got} で、保守期間（{start}〜{end}）の外です。期間内の月を指定してください",
            Tpl::KeyOutsideTermNone => "が {got} で、保守開始日（{start}）より前です。開始後の月を指定してください",
            Tpl::KeyNeedsCode => "がありません。事業者の採番に取引先コード（`[numbering]` の `{{code}}`）があるので、[quote] に `customer_code = \"SAKURA\"` を追加してください",
            Tpl::KeyNotMonthDay => "が `{got}` です。事業年度の末日を MM-DD（`03-31`）で指定してください",
            Tpl::KeyAmountOrPercent => "に `amount` と `percent` の両方があります。値引きは金額（円）か率（%）のどちらか一方で指定してください",
            Tpl::KeyAmountOrPercent2 => "に `amount`（値引きする円）か `percent`（1〜100の%）のどちらかを指定してください",
            Tpl::KeyNeedsCustomer => "がありません。見積書はお客様宛てに出すので、`customer = \"…\"` を追加してください（宛先の部署・担当者・住所は [quote] の `department`・`contact`・`address`）",
            Tpl::KeyNotAFact => "の `{got}` は hoshu の読む事実ではありません。事実: {facts}{suggestion}",
            Tpl::KeyUnknownPreset => "の `{got}` というプリセットはありません。プリセット: {presets}{suggestion}",
            Tpl::KeyFactValue => "の値は hoshu では読めません。{problem}",
            Tpl::FileRead => "{origin}: ファイルを読めません（{source}）",
            Tpl::FileFolder => "{origin}: フォルダです。ファイルのパスを指定してください",
            Tpl::FileTooLarge => "{origin}: {mib} MiB より大きいファイルです。システム記述や料金表はずっと小さいため、これは違うファイルです",
            Tpl::FileTooLarge2 => "{origin}: {mib} MiB より大きいファイルです。最大のシステム記述の見積を保存しても約14 MiB のため、これは違うファイルです",
            Tpl::FileNotText => "{origin}: UTF-8 のテキストではありません。UTF-8 で保存してください",
            Tpl::FileNotText2 => "{origin}: UTF-8 のテキストでも Shift_JIS のテキストでもありません。CSV（UTF-8）で保存してください",
            Tpl::FileTooLarge3 => "{origin}: {mib} MiB より大きいファイルです。取引先ごとのファイルに分けてください（--tickets-dir）",
            Tpl::FileInvalid => "{origin}: 内容に誤りがあります",
            Tpl::DateFormat => "`{t}` は日付ではありません。YYYY-MM-DD の形で書いてください（例: 2024-01-10）",
            Tpl::DateNoSuchDay => "`{t}` は暦にない日です（月は1〜12、日はその月の日数まで）",
            Tpl::DateHasTime => "`{t}` に時刻か時差が付いています。日付だけを YYYY-MM-DD で書いてください",
            Tpl::DateNotADate => "`{t}` は日付ではありません。2025-10-01、2025/10/1、2025年10月1日、令和7年10月1日（R7.10.1）のように年から書いてください（後ろに時刻があっても読みます）",
            Tpl::DateAmbiguous => "`{t}` は日が先か月が先か決められません。2025/10/01 のように年から書いてください",
            Tpl::SavedError => "{label}: JSON で保存した hoshu の見積（`hoshu quote --format json`）ではありません: {message}",
            Tpl::SavedFigureCurrency => "が `{got}` です。hoshu の見積は円（`JPY`）です",
            Tpl::SavedFigureTaxRate => "が{got}%です。税率は0〜100%です",
            Tpl::SavedFigureNegative => "が{yen}です。金額は0円未満になりません",
            Tpl::SavedFigureNotProduct => "が {quantity} × {unit_price} = {product} になっていません",
            Tpl::SavedFigureNotProduct2 => "が {quantity} × {unit_price} になっていません（数えられないほど大きな額です）",
            Tpl::SavedFigureTwice => "の `{key}` が前の明細にもあります",
            Tpl::SavedFigureTotal => "が{stated}ですが、明細と記載の税率・端数処理からは{derived}になります",
            Tpl::SavedFigureUncountable => "が{stated}ですが、明細の合計が hoshu の数えられる額を超えます",
            Tpl::SavedFigureDiscountAboveZero => "が{yen}です。値引きは0円以下です",
            Tpl::SavedFigureDiscountFigure => "が{stated}ですが、明細と値引きの条件からは{derived}になります",
            Tpl::SavedFigureDiscountPercent => "が{p}%です。値引きの率は1〜100%です",
            Tpl::SavedFigureDiscountRecurrence => "が `{recurrence}` ですが、`{applies_to}` の値引きは `{its_recurrence}` です",
            Tpl::SavedFigure => "{label}: `{field}` {what}。保存した見積が書き換えられたか、hoshu のものではありません。\
                     `hoshu quote --format json` で保存し直してください",
            Tpl::SavedError3 => "{label}: `{schema}` の文書で、`hoshu.quote.v1` ではありません",
            Tpl::UnknownPlan => "料金表にプラン `{plan}` はありません。使えるプラン: {known}{suggestion}",
            Tpl::DiscountOnMonthly => "月額",
            Tpl::DiscountOnAnnual => "年額",
            Tpl::DiscountOnOneTime => "一時費用",
            Tpl::QuoteDiscountExceeds => "`quote.discounts[{index}]`（`{label}`）までの値引きが合計{discounts}で、{applies_to}の小計{lines}を超えます。値引きは対象の明細の合計より大きくできません",
            Tpl::BatchIo => "一括判定の入力か出力を読み書きできません（{e}）",
            Tpl::BatchCsv => "入力が読める CSV ではありません: {message}",
            Tpl::BatchNoHeader => "入力が空です。CSV の一括判定には列名を並べた見出し行が必要です",
            Tpl::BatchRowTooLarge => "見出し行が1行の上限（{mib}MiB）を超えています。チケットの CSV ファイルではありません。何も書き出していません",
            Tpl::BatchRowTooLarge2 => "{row}件目（{line}行目）が1行の上限（{mib}MiB）を超えています。この行で開いた引用符が閉じられていないか、チケットのファイルではありません。ここで判定を止めました",
            Tpl::FactNotOneOf => "`{got}` は使えません。使える値: {values}",
            Tpl::FactNotMapped => "`{got}` はプロファイルの対応表にも hoshu の読む値にもありません。プロファイルの [values.{field}] に追加するか（\"{got}\" = \"…\"）、次の値を使ってください: {field2}",
            Tpl::FactNoPlan => "がプランなしで指定されています。プランも指定してください",
            Tpl::FactEndBeforeStart => "{end} はプランの開始日{start}より前です。終了日は開始日以降にしてください",
            Tpl::FactNotUtf8 => "が UTF-8 のテキストではありません",
            Tpl::FactNoAcceptance => "が必要です。保証期間は検収から数えるため（--warranty-from acceptance）、検収日を指定してください",
            Tpl::FactAcceptedBeforeDelivery => "{accepted} は納品日{delivered}より前です。検収は納品されたものに対して行います",
            Tpl::FactLearnedAfterReport => "{learned} は報告日{reported}より後です。お客様は不具合を知ってから報告します",
            Tpl::FactLearnedBeforeDelivery => "{learned} は納品日{delivered}より前です。納品したものの不具合を知るのは納品の後です",
            Tpl::FactOutsideCalendar => "民法142条の繰り延べで{day}を確かめますが、hoshu が知る祝日の暦（祝日法施行の1948年7月20日から2099年12月31日まで）の外です。--holiday-rollover を付けずに判定してください",
            Tpl::FactPastCalendarEndPeriodWarranty => "{from}から{months}か月の保証",
            Tpl::FactPastCalendarEndPeriodNotice => "法定の通知期間（不具合を知った{from}から1年、民法637条）",
            Tpl::FactPastCalendarEndPeriodLearning => "法定の期限（不具合を知った{from}から5年、民法166条1項1号）",
            Tpl::FactPastCalendarEndPeriodDelivery => "法定の期限（{from}の引渡しから10年、民法166条1項2号）",
            Tpl::FactPastCalendarEnd => "{period}は、暦の終わり（9999-12-31）を超えてしまいます",
            Tpl::MsgQuoteHeadingSome => "保守見積：{system} — {c}",
            Tpl::MsgQuoteHeadingNone => "保守見積：{system}",
            Tpl::MsgTaxRowRoundingFloor => "切り捨て",
            Tpl::MsgTaxRowRoundingCeil => "切り上げ",
            Tpl::MsgTaxRowRoundingHalfUp => "四捨五入",
            Tpl::MsgTaxRow => "消費税（{percent}%対象、{rounding}）",
            Tpl::MsgFirstYear => "初年度（12か月＋一時費用）：税抜{subtotal}、税込{total}。",
            Tpl::MsgExported => "{dir} に書類{documents}件と index.csv を書き出しました",
            Tpl::MsgTicketChargeNo => "{id} {title}（作業{hours}時間）",
            Tpl::MsgTicketChargeYes => "{id} {title}（見積{hours}時間）",
            Tpl::MsgInvoiceSubject => "{system} 保守・運用（契約 {contract}）",
            Tpl::MsgRateSubtotal => "{percent}%対象（税抜）",
            Tpl::MsgDueNote => "{due}までに上記口座へお振り込みください。",
            Tpl::MsgReturnedSubtotal => "返還額 {percent}%対象（税抜）",
            Tpl::MsgCreditSubject => "{system} 請求書 {invoice} の返還",
            Tpl::MsgCancelReason => "請求書の取消理由：{reason}",
            Tpl::MsgNegotiateNote => "要協議のため請求していないチケット：{tickets}。",
            Tpl::MsgRegisterMade => "台帳 {path} を作成しました。ローカルディスクに置き、1つのファイルとしてバックアップしてください",
            Tpl::MsgCancelled => "{number} の取消を記録しました。書類自体は台帳に残ります",
            Tpl::MsgRegisterIntactSome => "{path}：{records}件の記録はすべて書かれたとおりです。最後の記録のハッシュは {tip} です（別の場所に控えておくと、これより後が削られたときに分かります）",
            Tpl::MsgRegisterIntactNone => "{path}：まだ記録はありません",
            Tpl::MsgIssued => "{number} を発行し、台帳に記録しました",
            Tpl::MsgIssued2 => "{number}（第{version}版）を発行し、台帳に記録しました",
            Tpl::MsgNumberVersion => "{number}（第{version}版）",
            Tpl::MsgSvgNotInXlsx => "事業者プロファイルの `{key}` は SVG で、Excel のシートには入れられないため XLSX には載せていません（HTML と PDF には載ります）。XLSX にも載せるには PNG か JPEG を指定してください",
            Tpl::MsgDiscountBasisSome => "値引き前の{of}小計{base}の{p}%（円未満切り捨て）。",
            Tpl::MsgDiscountBasisNone => "{of}小計からの定額の値引き（税抜）。",
            Tpl::MsgDevelopmentRatioBandBelow => "を下回ります",
            Tpl::MsgDevelopmentRatioBandWithin => "の範囲内です",
            Tpl::MsgDevelopmentRatioBandAbove => "を上回ります",
            Tpl::MsgDevelopmentRatio => "年間の保守費用は開発費{development_cost}の{basis_points}.{cents}%です（一般的な年{low}〜{high}%{band}）。",
            Tpl::MsgDefaultSubject => "{name} 保守・運用",
            Tpl::MsgValidUntil => "{date}（発行日から{days}日間）",
            Tpl::MsgRulesConsidered => "検討したルール（順に）：",
            Tpl::MsgRulesConsidered2 => "{assumption}場合に検討したルール：",
            Tpl::MsgCompareHeading => "プラン比較：{system}{customer}\n料金表: {card} {version} · 見積日: {date}",
            Tpl::MsgHours => "{hours}時間",
            Tpl::MsgHolidaysForecast => "暫定：{after}年より後の祝日は予測です（春分の日・秋分の日は毎年2月に翌年分が公表されます）",
            Tpl::MsgNoChange => "変更なし：{old} と {new} の見積は同じです。",
            Tpl::MsgDiffHeading => "見積の差分：{old} → {new}",
            Tpl::MsgDiffSummary => "保守見積：月額（税込）{monthly}（{percent}）",
            Tpl::MsgWrote => "{path} を作成しました。内容を記入してください。見積書（quote --format html、pdf、xlsx）で使います",
            Tpl::MsgCheckOk => "{file}: OK — 「{system}」を料金表 {card} {version} と照合しました",
            Tpl::MsgAcceptedUnused => "検収日は使いません。保証期間は納品から数えています。検収から数えるには --warranty-from acceptance（または [delivery] warranty_from = \"acceptance\"）を指定してください",
            Tpl::MsgGateTripped => "ゲート {flag} {threshold} を超えました。月額（税込）の変化は {change} です",
            Tpl::MsgUnmappable => "出力の{count}文字は Shift_JIS にない文字のため `?` で書きました。残すには UTF-8 で書いてください（--output-encoding utf-8。Excel 用には BOM が付きます）",
            Tpl::KeyReplaced => "はカードとコンビニの代行会社をまとめて数えていたキーで、今は読みません。代わりに {by} を指定してください（それぞれ1以上。決済方法が有効なら既定は1）",
            Tpl::AndSep => " と ",
            Tpl::KeyPlanMissesWork => "（プラン `{plan}`）に、どの見積にも計上される{work}（\"{id}\"）がありません。プランは対象とする作業の分だけ料金がかかるため、\"{id}\" を追加してください",
            Tpl::KeyBadPattern => "では採番できません（{why}）。使える記号は {tokens} です（`{{yyyy}}{{mm}}-{{seq:3}}` で 202612-001）",
            Tpl::PatternUnknownToken => "`{token}` は使えない記号です",
            Tpl::PatternUnbalanced => "波かっこが閉じていません",
            Tpl::PatternCounter => "`{wanted}` がちょうど1つ必要です",
            Tpl::PatternWidth => "`{token}`：桁数は1〜9です",
            Tpl::CodeName => "`{name}`",
            Tpl::DateOutsideEra => "`{text}` は{era}の期間（{first}から{last}）にない日です",
            Tpl::EraToday => "現在",
            Tpl::FactMonths => "`{got}` は保証期間ではありません。{allowed}を指定してください",
            Tpl::MsgMonthlyFee => "保守・運用費 {month}分",
            Tpl::MsgInvoicePeriod => "{month}分",
            Tpl::MsgUncovered => "プラン「{plan}」の対象外のため、ここでは見積もっていません：{works}。必要なときに時間単位でご請求するか、対象とするプランをお選びください。",
            Tpl::WorkSep => "、",
            Tpl::MsgNoteWarranty => "納品後{months}か月の保証期間内に報告された、稼働に支障が出るシステム自体の不具合は、契約不適合責任（旧・瑕疵担保責任）としてプランにかかわらず無償で修正いたします。",
            Tpl::MsgNoteWarrantyStatutory => "保証期間内に報告された、稼働に支障が出るシステム自体の不具合は、契約不適合責任（旧・瑕疵担保責任）としてプランにかかわらず無償で修正いたします。",
            Tpl::MsgBatchSummary => "hoshu: {rows}{by}：無償対応 {covered}、有償対応 {billable}、要協議 {negotiate}、失敗 {failed}；{seconds}秒、毎秒{per_second}行",
            Tpl::SummaryByBoth => "（プロファイル {profile}、プリセット {preset} を元に）",
            Tpl::SummaryByProfile => "（プロファイル {profile}）",
            Tpl::SummaryByPreset => "（プリセット {preset}）",
            Tpl::MsgColumnsHeading => "{input} を{by}次のように読みます：",
            Tpl::ColumnsByBoth => "プロファイル {profile}（プリセット {preset} を元に）で",
            Tpl::ColumnsByProfile => "プロファイル {profile} で",
            Tpl::ColumnsByPreset => "プリセット {preset} で",
            Tpl::MsgBudgetFits => "予算 {per}{limit}（税込）：予算内で最も安いプランは「{plan}」です。",
            Tpl::MsgBudgetNoneFits => "予算 {per}{limit}（税込）：予算内のプランはありません。最も安い「{cheapest}」でも{short}超えます。",
            Tpl::PerYear => "年額",
            Tpl::PerMonth => "月額",
            Tpl::MsgProfileOk => "{file}: OK — 一括判定のプロファイル{preset}。事実の見出し {headers}件、値の対応 {values}件、既定値 {defaults}件",
            Tpl::ProfileOverPreset => "（プリセット {preset} を元に）",
            Tpl::AddresseeTo => "{name}{department} 御中",
            Tpl::AddresseeDepartment => " {department}",
            Tpl::AddresseeContact => "{name}{department} {contact}様",
            Tpl::AddresseePerson => "{name}{department} 様",
            Tpl::BatchHeader => "この見出しでは判定できません。何も読み書きしていません:\n  {problems}",
            Tpl::RowsOne => "{rows}行",
            Tpl::RowsMany => "{rows}行",
            Tpl::PlatformIos => "iOS",
            Tpl::PlatformAndroid => "Android",
            Tpl::SystemEc => "EC",
            Tpl::SystemReservation => "予約",
            Tpl::SystemCrm => "顧客管理",
            Tpl::SystemCms => "CMS",
            Tpl::SystemOther => "その他の",
            Tpl::ServiceDomain => "ドメイン",
            Tpl::ServiceSsl => "SSL証明書",
            Tpl::ServiceMail => "メール",
            Tpl::ServiceServer => "サーバーレンタル",
            Tpl::ServiceOther => "サービス",
            Tpl::ComplexityLow => "低",
            Tpl::ComplexityMedium => "中",
            Tpl::ComplexityHigh => "高",
            Tpl::ServerOfRole => "{role}サーバー",
            Tpl::PageOne => "1ページ",
            Tpl::Pages => "{n}ページ",
            Tpl::ProviderOne => "1社",
            Tpl::Providers => "{n}社",
            Tpl::HourOne => "1時間",
            Tpl::Hours => "{n}時間",
            Tpl::ItemAccessTier => "アクセス区分「{tier}」",
            Tpl::ItemStandby => "待機系システム（冗長化）",
            Tpl::ItemDataSync => "待機系とのデータ同期",
            Tpl::ItemServerLinked => "{server}（連携）",
            Tpl::ItemServerLinkage => "{server}の連携",
            Tpl::ItemSite => "サイト「{name}」（{pages}）",
            Tpl::ItemWebSystem => "「{name}」：{kind}システム、複雑さ{complexity}",
            Tpl::ItemCreditCardIntegration => "クレジットカード決済代行会社との連携",
            Tpl::ItemCreditCardIrregularOperations => "クレジットカード決済のイレギュラー対応",
            Tpl::ItemConvenienceStoreIntegration => "コンビニ決済代行会社との連携",
            Tpl::ItemConvenienceStoreOperations => "コンビニ決済の運用",
            Tpl::ItemApp => "アプリ「{name}」（{platform}）",
            Tpl::ItemAppOsVersions => "アプリ「{name}」：{platform}の旧バージョン対応",
            Tpl::ItemService => "{service}「{name}」",
            Tpl::ItemPlanFee => "保守プラン「{plan}」",
            Tpl::ItemTakeover => "調査・引き継ぎ",
            Tpl::VisitsUpTo => "1日{n}訪問まで",
            Tpl::VisitsNoLimit => "1日の訪問数は上限なし",
            Tpl::RequestsUpTo => "毎分{n}リクエストまで",
            Tpl::RequestsNoLimit => "毎分のリクエスト数は上限なし",
            Tpl::WhyLowestTier => "[traffic] の指定がないため、最も低い区分「{tier}」（{visits}、{requests}）です。",
            Tpl::WhyPeak => "、ピーク時毎分{n}リクエスト",
            Tpl::WhyTier => "1日{daily}訪問{peak}は区分「{tier}」（{visits}、{requests}）に収まります。",
            Tpl::WhyStandby => "業務上重要なシステム（障害が直接の損失になる）のため、いつでも切り替えられる待機系システムを維持します。",
            Tpl::WhyDataSync => "業務上重要なシステムのため、待機系のデータを本番サーバーと同一に保ちます。",
            Tpl::WhyOneServer => "サーバー1台：監視し、稼働を維持します。",
            Tpl::WhyServersUnlinked => "連携しない同一構成のサーバー{count}台：サーバー1台分の監視 × {count}です。",
            Tpl::WhyServersLinked => "同一構成のサーバー{count}台：サーバー1台分の監視 × {count}です。連携の費用は別の行にあります。",
            Tpl::WhyServerLinkage => "{count}台のサーバーが連携しているため、連携を正常に保つ費用がサーバーごとにかかります。",
            Tpl::SiteTierUpTo => "{n}ページまで",
            Tpl::SiteTierNoLimit => "上限なし",
            Tpl::WhySite => "共用サーバーかどうかにかかわらず、サイトごとに費用がかかります。{pages}は規模区分「{tier}」に入ります。",
            Tpl::WhyWebSystem => "Webシステムごとに、種類（{kind}システム）と複雑さ（{complexity}）に応じた保守費用がかかります。",
            Tpl::WhyCreditCardIntegration => "クレジット決済は各決済代行会社の仕様変更や法改正にすぐ対応する必要があります：{providers}。",
            Tpl::WhyCreditCardIrregularOperations => "電話でのキャンセル後の返金、一部値引き、2回決済に失敗したユーザーの利用停止などの対応です。",
            Tpl::WhyConvenienceStoreIntegration => "コンビニ決済では各代行会社の仕様と払込票への対応が加わります：{providers}。",
            Tpl::WhyConvenienceStoreOperations => "コンビニ入金の照合、期限切れの払込票、遅延入金への対応です。",
            Tpl::WhyAppAndroid => "アプリはプラットフォームごとに費用がかかります。Androidは端末メーカーごとにOSが異なり、iOSより不具合が多く出ます。",
            Tpl::WhyAppIos => "アプリはプラットフォームごとに費用がかかります。iOSのアップデートのたびにアプリが動かなくなるおそれがあります。",
            Tpl::WhyAppOsVersions => "{platform}のメジャーバージョンを{supported}つサポート：最新版以外のバージョンごとに費用がかかります。",
            Tpl::WhyResponse => "障害には{hours}以内に対応します。",
            Tpl::WhyPlanFee => "プラン自体の料金です。対象：{covers}。{response}",
            Tpl::WhyServiceMonthly => "お客様に代わって契約・運用し、実費でご請求します：月額{cost}、手数料{handling}。",
            Tpl::WhyServiceYearly => "お客様に代わって契約・運用し、実費でご請求します：年額{cost}、手数料{handling}。月あたり約{monthly}です。",
            Tpl::GapDelivery => "納品",
            Tpl::GapLastMaintained => "最終保守日",
            Tpl::GapPreviousEnd => "前回の契約終了",
            Tpl::GapContractEnd => "契約終了",
            Tpl::WhyTakeover => "{since}（{from}）以降保守されていない（{months}か月）ため、原因の特定にまず調査が必要です。1年ごとに計上します。",
            Tpl::ClauseStatutory => "契約に期間の定めがないため民法の定めにより、知った時から1年以内の通知、期限は{end}",
            Tpl::ClauseEvenThreeMonths => "保証期間が3か月でも{end}まで",
            Tpl::ClauseEvenSixMonthsEnded => "保証期間が6か月でも{end}に終了",
            Tpl::ClauseLastDay => "最終日は{end}",
            Tpl::ClauseClaimLasts => "民法166条1項の期限内（{end}まで。知った時から5年、納品から10年）",
            Tpl::ClauseClaimEnded => "請求権は民法166条1項により{end}に消滅（知った時から5年、または納品から10年。開発者が知っていたかを問わない）",
            Tpl::WorkSpecChanges => "仕様変更",
            Tpl::RuleBeforeChange => "契約に含まれない仕様変更・修正は別途費用です。",
            Tpl::RuleBeforeMinor => "納品前の軽微な要望は予算内で吸収できる場合もありますが、原則として1件ごとに協議が必要です。",
            Tpl::RuleBeforeOwnDefect => "納品前に見つかった、合意した仕様に対する不具合は、開発費用の範囲で修正します。",
            Tpl::RuleBeforeExternalCause => "納品前に見つかりましたが、原因が納品したプログラムの外にあるため、費用負担は協議が必要です。",
            Tpl::RuleAfterChange => "仕様変更は保証の対象にも保守プランの対象にもならないため、別途お見積り・ご請求となります。",
            Tpl::RuleAfterWarrantyBuilderKnew => "システム自体の不具合で、開発者が納品時に知っていた（または重大な過失で知らなかった）ものです。通知期間も契約の期間も開発者を守らず（民法637条2項、559条・572条）、請求権は{clause}のため、無償で修正します。",
            Tpl::RuleAfterWarranty => "システム自体の不具合で、稼働に支障があり、保証期間内（契約不適合責任、旧・瑕疵担保責任。{clause}）に報告されたため、プランにかかわらず無償で修正します。",
            Tpl::RuleAfterPlanCovers => "保守プラン「{plan}」は{reported}時点で有効で、{work}を対象としています。",
            Tpl::RuleAfterPlanExcludes => "保守プラン「{plan}」は{reported}時点で有効ですが、{work}は対象外です。",
            Tpl::RuleAfterWarrantyExpired => "システム自体の不具合ですが、保証期間の終了後（{clause}）に報告され、有効な保守プランもありません。",
            Tpl::RuleAfterExternalCause => "外部要因による障害は、納品したプログラムの不具合ではありません。有効な保守プランがないため、有償対応です。",
            Tpl::RuleAfterMinor => "納品後の軽微な要望で、有効な保守プランがないため、有償対応です。",
            Tpl::RuleBeforeOperation => "納品前はまだ運用が始まっていないため、運用作業の依頼が開発に含まれるかは協議が必要です。",
            Tpl::RuleAfterOperation => "運用作業の依頼（返金、部分割引、利用停止、定常の運用）で、有効な保守プランがないため、有償対応です。保守プランがあれば、そのプランが料金に含めて対応します。",
            Tpl::RuleBeforeIncident => "納品前のシステムはまだ開発者のものです。障害からの復旧は開発費用の範囲で行います。",
            Tpl::RuleAfterIncident => "障害（サーバー停止、データ消失）からの復旧は運用業務です。有効な保守プランがないため、有償対応です。",
            Tpl::RuleAfterWarrantyNotImpairing => "保証期間内（契約不適合責任、旧・瑕疵担保責任。{clause}）の報告ですが、不具合はプログラムの稼働に支障を与えていません。無償修正は稼働に支障が出る場合に限られるため、有効なプランがなければ有償対応です。",
            Tpl::AssumedExternal => "原因が外部要因である",
            Tpl::AssumedInternal => "原因が外部要因ではない",
            Tpl::AssumedWarrantyMonths => "保証期間が{months}か月である",
            Tpl::AssumedImpairs => "稼働に支障がある",
            Tpl::AssumedNotImpairs => "稼働に支障がない",
            Tpl::AssumedBuilderKnew => "開発者が知っていた",
            Tpl::AssumedBuilderDidNotKnow => "開発者が知らなかった",
            Tpl::AssumedSep => "、かつ",
            Tpl::UnknownCause => "原因",
            Tpl::UnknownWarrantyLength => "保証期間の長さ",
            Tpl::UnknownImpairs => "稼働への支障の有無",
            Tpl::UnknownBuilderKnew => "開発者が知っていたかどうか",
            Tpl::UnknownSep => "・",
            Tpl::TriesAgreeOne => "{unknown}は不明ですが、どの場合でも同じ判定になります。",
            Tpl::TriesAgreeMany => "{unknown}は不明ですが、どの場合でも同じ判定になります。",
            Tpl::SettleCause => "原因が外部要因かどうか",
            Tpl::SettleWarrantyLength => "保証期間の月数",
            Tpl::SettleImpairs => "不具合がプログラムの稼働に支障を与えるかどうか",
            Tpl::SettleBuilderKnew => "納品時に開発者が知っていたかどうか",
            Tpl::SettleSep => "、",
            Tpl::Outcome => "{assumed}場合は{verdict}（{rule}）",
            Tpl::OutcomeSep => "、",
            Tpl::Unsettled => "判定はまだ分からない事実で変わります。{settle}を確認して、もう一度判定してください。{outcomes}。",
            Tpl::WarrantyFromDelivery => "納品",
            Tpl::WarrantyFromAcceptance => "検収",
            Tpl::WarrantyNotDelivered => "なし（未納品）",
            Tpl::WarrantyStartsAfter => "{delivered}の納品後に開始",
            Tpl::WarrantyStatutory => "契約に期間の定めがないため民法の定め（637条・166条）：知った日{learned}、通知期限{notice_end}、請求権は{learning_end}（5年）・{delivery_end}（納品から10年）まで（{left}）",
            Tpl::RolledSunday => "日曜日",
            Tpl::RolledDayOff => "休日",
            Tpl::WarrantyRolled => "。民法142条により{plain}（{day}）から繰り延べ",
            Tpl::WarrantyMonths => "{from}の翌日（{start}）から{months}か月、{end}まで{rolled}（{left}）",
            Tpl::WarrantyUnknown => "期間不明：3か月なら{end_3}まで（{left_3}）、6か月なら{end_6}まで（{left_6}）",
            Tpl::DaysLastDay => "本日が最終日",
            Tpl::DayLeft => "残り1日",
            Tpl::DaysLeft => "残り{n}日",
            Tpl::DayPast => "1日経過",
            Tpl::DaysPast => "{n}日経過",
            Tpl::Yes => "はい",
            Tpl::No => "いいえ",
            Tpl::ShortCauseExternal => "外部要因",
            Tpl::ShortCauseInternal => "外部要因以外",
            Tpl::CondStage => "段階が{want}（実際：{saw}）",
            Tpl::CondKind => "種類が{want}（実際：{saw}）",
            Tpl::CondCause => "原因が{want}（実際：{saw}）",
            Tpl::CondBuilderKnew => "。開発者が知っていたため民法166条1項の期限のみ",
            Tpl::CondWithinWarranty => "保証期間内の報告：{want}（実際：{saw}{knew}）",
            Tpl::CondPlanInForce => "保守プランが有効：{want}（実際：{saw}）",
            Tpl::CondPlanCovers => "プランがその作業を対象とする：{want}（実際：{saw}）",
            Tpl::CondImpairs => "不具合が稼働に支障を与える：{want}（実際：{saw}）",
            Tpl::RuleCondWithinWarranty => "保証期間内：{want}",
            Tpl::RuleCondPlanInForce => "プランが有効：{want}",
            Tpl::RuleCondPlanCovers => "プランが作業を対象とする：{want}",
            Tpl::RuleCondImpairs => "稼働に支障：{want}",
            Tpl::Estimate => "{hours} × {hourly} = 税抜{subtotal}、消費税{tax}、税込{total}",
            Tpl::PlanNone => "なし",
            Tpl::PlanInForceOn => "{plan}（{reported}時点で有効）",
            Tpl::PlanNotInForceOn => "{plan}（{reported}時点で無効）",
            Tpl::CauseUnknown => "原因不明",
            Tpl::CauseExternal => "外部要因",
            Tpl::CauseNotExternal => "外部要因ではない",
            Tpl::CaseLine => "{kind}、{cause}",
            Tpl::NotDelivered => "未納品",
            Tpl::DeliveredOn => "{delivered}納品",
            Tpl::StageLine => "{stage}（{delivered}、{reported}報告）",
            Tpl::RowAt => "{row}件目（{line}行目）: {problem}",
            Tpl::RowColumn => "列 {column}: {problem}",
            Tpl::RowFactNotInRow => "事実 {fact}（行にはありません）: {problem}",
            Tpl::NotTextColumn => "列 {column}",
            Tpl::NotTextWholeLine => "行全体",
            Tpl::NotTextExcelHint => "（日本の Excel で保存したファイルなら --encoding shift_jis が必要かもしれません）",
            Tpl::RowNotText => "{place}: {encoding} のテキストではありません。出力では文字でないバイトを � に置き換え、--rejects には元の行をそのまま残します{hint}",
            Tpl::RowUnclosedQuote => "{opened}行目で開いた引用符（\"）が閉じられていないため、そこからファイルの終わりまで（後の行も）を1つのセルとして読みました。引用符を閉じるか、セル内の引用符は2つ重ねて（\"\"）書いてください",
            Tpl::RowTooManyFields => "フィールドが{got}個ありますが、見出しは{header}個です。セル内のカンマが引用符で囲まれていないのでは？この行は判定しません。出力には先頭の{header}個を残し、--rejects には行全体を残します",
            Tpl::RowNotAnObject => "JSON オブジェクトではありません。JSON Lines の1行は、1行に書いた1つのオブジェクト `{{...}}` です",
            Tpl::RowJsonSyntax => "読める JSON オブジェクトではありません: {message}",
            Tpl::RowDuplicateKey => "キー `{key}` が2回あります。各キーは1回だけ書いてください",
            Tpl::RowFactNotText => "キー {key}: 文字列、整数、null のいずれかを指定してください",
            Tpl::RowNoFactGiven => "判定の材料がありません。この行の事実がすべて空で、事実を与えるフラグも --system もありません。少なくとも納品日と報告日を記入してください",
            Tpl::RowNotHours => "列 {column}: `{got}` は時間数ではありません。0より大きく10,000以下、0.01時間単位（1.5、0.25）で書くか、空にしてください",
            Tpl::RowNoProject => "列 {column}: プロジェクトがないため、--systems のどのシステムファイルの契約も当てられません",
            Tpl::RowUnknownProject => "列 {column}: プロジェクト `{value}` にあたるシステムファイル（ファイル名か `name`）が --systems にありません{like}",
            Tpl::HeaderKey => "キー",
            Tpl::HeaderColumn => "列",
            Tpl::HeaderNearMiss => "{what} `{column}` は事実 {fact} に似ていますが、正確な名前ではないため読まれません。`{name}` に名前を変えるか、--column {mapping} で対応づけるか、--pass {pass} で読まずにそのまま通してください",
            Tpl::HeaderFactTwice => "事実 {fact} が `{first}` と `{second}` の2つで指定されています。1つにしてください",
            Tpl::HeaderMappedMissing => "--column {name}={column} の{what}はファイルにありません",
            Tpl::HeaderPassedMissing => "--pass {column} の{what}はファイルにありません",
            Tpl::HeaderPassedFact => "--pass {column} は事実 {name} の{what}です。通すと、どの行もこの事実なしで判定されます。--pass は事実に似ているだけの{what}に使います（事実でないなら{what}名を変えてください）",
            Tpl::HeaderNothingToClassifyBy => "判定の材料がありません。事実にあたる{what}がなく（{facts}）、事実のフラグや --system もありません",
            Tpl::HeaderProjectMissing => "--project-column {column} の{what}はファイルにありません",
            Tpl::ReadingFactName => "事実 {name}（{ja}）",
            Tpl::ReadingMapped => "、対応づけ",
            Tpl::ReadingValues => "。値: {values}",
            Tpl::ReadingTwice => "読めません: {fact}は前の列が与えています",
            Tpl::ReadingTicketId => "チケットの番号（そのまま通す）",
            Tpl::ReadingTicketTitle => "チケットの件名（そのまま通す）",
            Tpl::ReadingTicketHours => "作業時間（そのまま通す）",
            Tpl::ReadingResult => "結果の列（この実行の結果で置き換える）",
            Tpl::ReadingProject => "行のプロジェクト（--systems のそのシステムファイルが契約を与える）",
            Tpl::ReadingPassDeclared => "指定どおりそのまま通す",
            Tpl::ReadingPassUndeclared => "そのまま通す（事実の名前ではない）",
            Tpl::ReadingNearMiss => "読めません: {fact}に似ています。対応づけるか（--column {name}=…、またはプロファイルの [columns]）、そのまま通してください（--pass）",
            Tpl::FallbackFlag => "フラグ {flag}",
            Tpl::FallbackSystem => "システムファイル（{key}）",
            Tpl::FallbackProjectSystem => "行のプロジェクトのシステムファイル（{key}）",
            Tpl::FallbackProfile => "プロファイルの [defaults]",
            Tpl::FallbackToday => "今日",
            Tpl::SourceColumnOr => "列 {column}（空なら{fallback}）",
            Tpl::SourceColumn => "列 {column}",
            Tpl::SourceNone => "なし",
            // templates:end
        }
    }

    fn date(&self, date: NaiveDate) -> String {
        d(date)
    }

    fn yen(&self, y: Yen) -> String {
        yen(y)
    }

    fn text(&self, t: Text) -> &'static str {
        match t {
            Text::Plan => "プラン",
            Text::RateCard => "料金表",
            Text::QuoteDate => "見積日",
            Text::QuoteNumber => "見積番号",
            Text::Factor => "費用要素",
            Text::ItemAndWhy => "項目と理由",
            Text::Item => "項目",
            Text::Quantity => "数量",
            Text::Unit => "単位",
            Text::Per => "区分",
            Text::UnitPrice => "単価",
            Text::Amount => "金額",
            Text::Monthly => "月額",
            Text::Annual => "年額（12か月）",
            Text::OneTime => "一時費用",
            Text::Discounts => "値引き",
            Text::DiscountsFirstYear => "値引き（初年度・税抜）",
            Text::RecordNumber => "番号",
            Text::RecordVersion => "版",
            Text::RecordIssuedOn => "発行日",
            Text::RecordCustomer => "取引先",
            Text::RecordAmount => "金額（税込）",
            Text::RecordStatus => "状態",
            Text::RecordSubject => "システム・理由",
            Text::RecordIssued => "発行済",
            Text::RecordCancelled => "取消済",
            Text::RecordCancellation => "取消",
            Text::RegisterEmpty => "該当する記録はありません。",
            Text::InvoiceTitle => "御請求書",
            Text::InvoiceNumber => "請求番号",
            Text::InvoiceDate => "請求日",
            Text::TransactionMonth => "取引年月",
            Text::DueDate => "お支払期限",
            Text::InvoiceGreeting => "下記の通りご請求申し上げます。",
            Text::AmountDue => "ご請求金額（税込）",
            Text::TaxRateColumn => "税率",
            Text::BankAccount => "お振込先",
            Text::TaxOncePerInvoice => {
                "消費税は税率ごとに請求書全体で一度だけ端数を処理しています。"
            }
            Text::IssuerColumn => "発行者",
            Text::CreditTitle => "適格返還請求書",
            Text::CreditNumber => "返還番号",
            Text::CreditDate => "返還日",
            Text::CreditedInvoice => "対象の請求書",
            Text::CreditedInvoiceDate => "請求日",
            Text::CreditGreeting => "下記の請求書のご請求額を全額返還いたします。",
            Text::AmountReturned => "返還金額（税込）",
            Text::TaxAsInvoiced => "返還する消費税額は、元の請求書で税率ごとに計算した額です。",

            Text::RecordFile => "ファイル",
            Text::RecordContract => "契約",
            Text::FirstYear => "初年度（12か月＋一時費用）",
            Text::Subtotal => "小計（税抜）",
            Text::Total => "合計（税込）",
            Text::TaxOncePerTotal => {
                "消費税は行ごとではなく、合計ごとに一度だけ端数を処理しています。"
            }
            Text::DocumentTitle => "御見積書",
            Text::InternalMark => "社内用",
            Text::Issued => "発行日",
            Text::ValidUntil => "有効期限",
            Text::Subject => "件名",
            Text::Remarks => "備考",
            Text::GrandTotal => "御見積金額（初年度・税込）",
            Text::MonthlyWithTax => "月額（税込）",
            Text::Person => "担当",
            Text::Registration => "登録番号",
            Text::Phone => "TEL",
            Text::Email => "E-mail",
            Text::ChartTitle => "費用要素別の月額（税抜）",
            Text::Greeting => "下記の通り御見積申し上げます。",
            Text::NoteSpecChanges => {
                "仕様変更・機能追加は保守の範囲外のため、別途お見積りいたします。"
            }
            Text::UnitSet => "式",
            Text::UnitServer => "台",
            Text::UnitProvider => "社",
            Text::Rule => "ルール",
            Text::Reason => "理由",
            Text::Case => "案件",
            Text::Stage => "段階",
            Text::Warranty => "保証",
            Text::Estimate => "見積",
            Text::Holds => "成立：",
            Text::Fails => "不成立：",
            Text::Verdict => "判定",
            Text::Calendar => "暦",
            Text::Error => "エラー",
            Text::Warning => "警告",
            Text::Colon => "：",
            Text::TimeLeft => "残り",
            Text::ResultVerdict => "判定",
            Text::ResultRule => "根拠",
            Text::ResultWarrantyEnd => "保証期限",
            Text::ResultError => "エラー",
            Text::ResultEstimate => "見積額",
            Text::ResultComment => "判定コメント",
            Text::Column => "列",
            Text::ReadAs => "読み方",
            Text::Fact => "事実",
            Text::From => "どこから",
            Text::DefaultCard => "既定の料金表",
            Text::MonthlyBeforeTax => "月額（税抜）",
            Text::MonthlyWithTaxRow => "月額（税込）",
            Text::AnnualBeforeTax => "年額（税抜）",
            Text::AnnualWithTax => "年額（税込）",
            Text::OneTimeBeforeTax => "一時費用（税抜）",
            Text::OneTimeWithTax => "一時費用（税込）",
            Text::FirstYearWithTax => "初年度（税込、12か月＋一時費用）",
            Text::WhatThePlanCovers => "プランの対象",
            Text::SpecChangesSeparately => "仕様変更（別途見積）",
            Text::FirstResponse => "障害への初動",
            Text::Fits => "✓ 予算内",
            Text::Change => "変更",
            Text::Before => "変更前",
            Text::After => "変更後",
            Text::Difference => "差額",
            Text::BeforeWithTax => "変更前（税込）",
            Text::AfterWithTax => "変更後（税込）",
            Text::DifferenceBeforeTax => "差額（税抜）",
            Text::DifferenceWithTax => "差額（税込）",
            Text::Added => "+ 追加",
            Text::Removed => "- 削除",
            Text::Changed => "~ 変更",
            Text::Overflow => {
                "金額が大きすぎて計算できません（9,223,372,036,854,775,807円を超えます）"
            }
        }
    }

    fn at_key(&self, key: &str, problem: &str, parse: bool) -> String {
        if parse {
            format!("`{key}`: {problem}")
        } else if problem.starts_with('（') {
            format!("`{key}`{problem}")
        } else {
            format!("`{key}` {problem}")
        }
    }

    fn refused(&self, r: &Refused) -> String {
        let hint = |got: &str, allowed: &[String]| {
            (self as &dyn Catalogue).did_you_mean(got, allowed.iter().map(String::as_str))
        };
        match r {
            Refused::UnknownKey { key, allowed } if allowed.is_empty() => format!(
                "不明なキー `{}` です。この表にはキーを書けません",
                escape(key)
            ),
            Refused::UnknownKey { key, allowed } => format!(
                "不明なキー `{}` です。使えるキー: {}{}",
                escape(key),
                allowed.join(", "),
                hint(key, allowed)
            ),
            Refused::NotAllowed { value, allowed } => format!(
                "`{}` は使えません。使える値: {}{}",
                escape(value),
                allowed.join(", "),
                hint(value, allowed)
            ),
            Refused::TooLarge { value } => format!(
                "`{}` は大きすぎます。ここに書ける数は{}までです",
                escape(value),
                i64::MAX
            ),
            Refused::Date(e) => (self as &dyn Catalogue).date_error(e),
            Refused::Invalid {
                got, wanted, max, ..
            } => {
                let wanted = match wanted {
                    Wanted::Is(e) => expected(*e).to_owned(),
                    Wanted::Said(words) => words.clone(),
                };
                let wanted = max.map_or_else(|| wanted.clone(), |m| format!("{wanted}（最大{m}）"));
                match got {
                    Some(g) => format!("{} は使えません。{wanted}を指定してください", got_words(g)),
                    None => format!("値の型が違います。{wanted}を指定してください"),
                }
            }
            Refused::Syntax(lines) => {
                let lines: Vec<String> = lines.iter().map(syntax_line).collect();
                format!("TOMLとして読めません: {}", lines.join("。"))
            }
            Refused::Said(message) => message.clone(),
        }
    }

    fn syntax(&self, r: &Refused) -> String {
        self.refused(r)
    }

    fn factor(&self, f: Factor) -> &'static str {
        match f {
            Factor::Access => "アクセス数",
            Factor::Servers => "管理サーバー",
            Factor::Sites => "サイト",
            Factor::WebSystems => "Webシステム",
            Factor::Payments => "決済",
            Factor::Apps => "スマホアプリ",
            Factor::Services => "代行サービス",
            Factor::Plan => "保守プラン",
            Factor::OneTime => "一時費用",
        }
    }

    fn work(&self, w: Work) -> &'static str {
        work_name(w)
    }

    fn title<'a>(&self, titles: &'a crate::quote::Titles) -> Option<&'a str> {
        titles.ja.as_deref()
    }

    fn per(&self, r: Recurrence) -> &'static str {
        match r {
            Recurrence::OneTime => "（一時）",
            Recurrence::Yearly => "/年",
            Recurrence::Monthly => "/月",
        }
    }

    fn verdict(&self, v: Verdict) -> &'static str {
        match v {
            Verdict::Covered => "無償対応",
            Verdict::Billable => "有償対応",
            Verdict::Negotiate => "要協議",
        }
    }

    fn verdict_gloss(&self, v: Verdict) -> &'static str {
        match v {
            Verdict::Covered => "無償で修正します",
            Verdict::Billable => "費用はお客様のご負担です",
            Verdict::Negotiate => "判断の前にお客様と協議してください",
        }
    }

    fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::BeforeDelivery => "納品前",
            Stage::AfterDelivery => "納品後",
        }
    }

    fn kind(&self, k: Kind) -> &'static str {
        match k {
            Kind::Defect => "不具合",
            Kind::Change => "仕様変更",
            Kind::Minor => "軽微な要望",
            Kind::Incident => "障害（障害後の復旧）",
            Kind::Operation => {
                "運用作業（返金・部分割引・利用停止などの決済の運用、定常の運用依頼）"
            }
        }
    }

    fn known_cause(&self, c: KnownCause) -> &'static str {
        match c {
            KnownCause::External => "外部要因",
            KnownCause::Internal => "システム自体の不具合（外部要因ではない）",
        }
    }

}

/// `2026年12月`.
fn month_words(m: crate::invoice::Month) -> String {
    format!("{}年{}月", m.year, m.month)
}
