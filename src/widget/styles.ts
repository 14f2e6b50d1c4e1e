/**
 * The widget's CSS, applied inside its shadow root (a constructed stylesheet where supported, so a host CSP that
 * forbids inline styles doesn't matter). Pixel sizes only: `rem` would follow the host's root font size.
 */
export const css = `
:host{all:initial!important;display:block!important}
:host([mode=bubble]){position:static!important}
.rd,.rd *{box-sizing:border-box}
[hidden]{display:none!important}
.rd{all:initial;display:flex;flex-direction:column;font:15px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",system-ui,sans-serif;color:#1f2933;background:#fff;border:1px solid #d5dbe3;border-radius:10px;overflow:hidden;min-height:460px;height:640px;max-height:100%;width:100%;text-align:left;letter-spacing:normal;word-break:break-word;visibility:visible;opacity:1}
.rd[data-mode=bubble]{position:fixed;right:16px;bottom:84px;width:420px;max-width:calc(100vw - 32px);height:min(640px,calc(100vh - 110px));min-height:0;z-index:2147483647;box-shadow:0 12px 40px rgba(15,23,42,.25)}
.rd[hidden]{display:none}
.launcher{all:initial;position:fixed;right:16px;bottom:16px;z-index:2147483647;display:flex;align-items:center;gap:8px;padding:0 18px;height:52px;border-radius:26px;background:#1d4ed8;color:#fff;font:600 15px/1 "PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;cursor:pointer;box-shadow:0 6px 20px rgba(29,78,216,.4)}
.launcher:hover{background:#1e40af}
.launcher:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}
@media (max-width:480px){.rd:not([hidden])~.launcher{display:none}.launcher{width:52px;padding:0;justify-content:center}.launcher span{display:none}.rd[data-mode=bubble]{right:0;bottom:0;left:0;top:0;width:100vw;max-width:100vw;height:100%;border-radius:0}}
header{display:flex;align-items:center;gap:8px;padding:10px 14px;background:#1d4ed8;color:#fff}
header h2{all:unset;flex:1;font-weight:600;font-size:16px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
/* The title yields its room to the buttons on a narrow phone (width 0: it adds nothing to the widget's minimum width). */
header h2{width:0;min-width:0}
header button{background:transparent;color:#fff;border-color:rgba(255,255,255,.6)}
header button:hover{background:rgba(255,255,255,.15)}
nav.steps{display:flex;gap:4px;padding:8px 14px;background:#eef2ff;font-size:13px;color:#52606d;border-bottom:1px solid #d5dbe3}
nav.steps span{padding:2px 8px;border-radius:10px}
nav.steps span[aria-current=step]{background:#1d4ed8;color:#fff}
main{flex:1;min-height:0;display:flex;flex-direction:column;overflow:hidden}
.scroll{flex:1;min-height:0;overflow-y:auto;padding:12px 14px;overscroll-behavior:contain}
button{font:inherit;font-size:14px;line-height:1.3;white-space:nowrap;padding:7px 12px;min-height:36px;border:1px solid #9aa5b1;border-radius:6px;background:#fff;color:#1f2933;cursor:pointer}
button:hover{background:#f0f4f8}
button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
button.primary:hover{background:#1e40af}
button:disabled{opacity:.5;cursor:not-allowed}
button.small{padding:3px 8px;min-height:30px;font-size:13px}
button:focus-visible,textarea:focus-visible,input:focus-visible,select:focus-visible,mark:focus-visible,[tabindex]:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
textarea,input,select{font:inherit;color:#1f2933;background:#fff;border:1px solid #9aa5b1;border-radius:6px;padding:7px 9px;width:100%}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.progress{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;padding:8px 14px;border-bottom:1px solid #e4e7eb;font-size:13px;color:#52606d}
.progress b{color:#1d4ed8}
.bar{flex-basis:100%;height:4px;background:#e4e7eb;border-radius:2px;overflow:hidden}
.bar i{display:block;width:0;height:100%;background:#1d4ed8;transition:width .3s}
.msg.sending{opacity:.6}
.msg .answers{display:flex;gap:6px;margin-top:6px}
.said{margin:0 0 10px;padding:8px 12px;background:#f0f4f8;border-radius:6px;white-space:pre-wrap}
.add,.unplaced li{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:8px 0}
.add input{flex:1;min-width:140px}
.log{display:flex;flex-direction:column;gap:10px}
.msg{max-width:88%;padding:8px 12px;border-radius:10px;white-space:pre-wrap}
.msg.bot{align-self:flex-start;background:#f0f4f8;border-top-left-radius:2px}
.msg.user{align-self:flex-end;background:#dbeafe;border-top-right-radius:2px}
.msg .eg{display:block;margin-top:4px;font-size:13px;color:#616e7c}
.typing{align-self:flex-start;color:#616e7c;font-size:13px}
.typing i{display:inline-block;width:6px;height:6px;margin-left:3px;border-radius:50%;background:#9aa5b1;animation:rd-blink 1s infinite}
.typing i:nth-child(2){animation-delay:.2s}.typing i:nth-child(3){animation-delay:.4s}
@keyframes rd-blink{50%{opacity:.2}}
@media (prefers-reduced-motion:reduce){.typing i,.bar i{animation:none;transition:none}}
.alert{margin:8px 14px;padding:8px 12px;border:1px solid #f0b429;background:#fffbea;border-radius:6px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.alert p{all:unset;flex:1;min-width:160px}
.composer{border-top:1px solid #e4e7eb;padding:10px 14px;display:flex;flex-direction:column;gap:8px;background:#fafbfc}
.controls{display:flex;gap:6px;flex-wrap:wrap}
.controls .spacer{flex:1}
.inputrow{display:flex;gap:8px;align-items:flex-end}
.inputrow textarea{resize:none;min-height:44px;max-height:140px}
.hint{font-size:12px;color:#7b8794}
h3.sec{all:unset;display:block;font-weight:600;font-size:15px;margin:14px 0 6px}
dl.facts{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:4px 10px;font-size:14px}
dl.facts dt{color:#52606d}
dl.facts dd{margin:0}
dl.facts ul{margin:0;padding-left:18px}
ol.outline{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:6px}
ol.outline li{display:flex;gap:6px;align-items:center;flex-wrap:wrap;padding:6px;border:1px solid #e4e7eb;border-radius:6px}
ol.outline .num{min-width:2.5em;color:#52606d}
ol.outline input{flex:1;min-width:140px;width:auto}
ol.outline li.child{margin-left:24px}
ol.outline .sub{flex-basis:100%;font-size:13px;color:#616e7c;padding-left:2.5em}
.actions{display:flex;gap:8px;flex-wrap:wrap;padding:10px 14px;border-top:1px solid #e4e7eb;background:#fafbfc}
.status{font-size:13px;color:#52606d;margin:0 0 8px}
.doc{font-family:"FangSong","STFangsong","Noto Serif CJK SC","WenQuanYi Zen Hei",serif;font-size:15px;line-height:1.8}
.doc h1{font-size:20px;text-align:center;margin:8px 0 12px}
.doc h2{font-size:16px;margin:14px 0 6px}
.doc h3{font-size:15px;margin:10px 0 4px}
.doc p{margin:0 0 8px;text-indent:2em}
.doc ol,.doc ul{margin:0 0 8px;padding-left:2.2em}
.doc table{border-collapse:collapse;margin:8px 0;font-size:13px;display:block;overflow-x:auto}
.doc th,.doc td{border:1px solid #9aa5b1;padding:3px 6px}
.doc mark.placeholder{background:#fde68a;color:#5c3c00;border-radius:3px;padding:0 2px}
.doc mark.unverified{background:#fecaca;color:#7f1d1d;border-bottom:2px dashed #b91c1c;cursor:help;position:relative}
.doc mark.unverified:hover::after,.doc mark.unverified:focus::after{content:attr(title);position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:220px;padding:4px 8px;background:#1f2933;color:#fff;font:12px/1.4 sans-serif;border-radius:4px;text-indent:0}
.part{position:relative;border:1px solid transparent;border-radius:6px;padding:4px 6px;margin:0 -6px 6px}
.part:hover,.part:focus-within{border-color:#d5dbe3}
.part.writing{border-color:#93c5fd;background:#f8fbff}
.parttools{display:flex;gap:6px;flex-wrap:wrap;justify-content:flex-end;align-items:center;margin-top:2px}
.parttools select{width:auto;padding:3px 6px;font-size:13px;min-height:30px}
/* The sub-part choice holds whole （一） headings: it may shrink and cut them rather than push the part wider. */
.parttools select{max-width:100%}
.parttools select.which{flex:0 1 auto;min-width:0}
.parttools input{width:auto;flex:1;min-width:160px;padding:4px 8px;font-size:13px}
.editor{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:6px 0}
.editor textarea{min-height:200px;font:13px/1.6 ui-monospace,"WenQuanYi Zen Hei Mono",monospace;resize:vertical}
.editor .preview{border:1px dashed #9aa5b1;border-radius:6px;padding:6px 8px;max-height:320px;overflow:auto}
@media (max-width:560px){.editor{grid-template-columns:1fr}}
.notes{border:1px solid #e4e7eb;border-radius:6px;padding:8px 10px;margin-bottom:10px;font-size:13px}
.notes ul{margin:4px 0 0;padding-left:18px}
.notes h3{all:unset;display:block;font-weight:600}
.toast{font-size:13px;color:#0e7c3a}
.err{color:#b91c1c}
.proofread h4{all:unset;display:block;font-weight:600;margin-top:6px}
.proofread li{margin:4px 0}
.proofread q{quotes:none;color:#52606d}
.proofread q b{background:#dbeafe;color:#1e3a8a}
.doc mark.proof{background:#dbeafe;color:#1e3a8a;border-bottom:2px solid #2563eb;min-width:4px;display:inline-block;position:relative;text-indent:0}
.doc mark.proof:hover::after,.doc mark.proof:focus::after{content:attr(title);position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:220px;padding:4px 8px;background:#1f2933;color:#fff;font:12px/1.4 sans-serif;border-radius:4px;white-space:normal}
.doc mark.derived{background:#dbeafe;color:inherit;border-bottom:1px dotted #1d4ed8;cursor:help;position:relative}
.doc mark.derived:hover::after,.doc mark.derived:focus::after{content:attr(title);position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:260px;padding:4px 8px;background:#1f2933;color:#fff;font:12px/1.4 sans-serif;border-radius:4px;text-indent:0}
.consolidate{padding:10px 14px;overflow:auto}
.consolidate label{display:block;margin:6px 0}
.consolidate ul{margin:4px 0 10px;padding-left:18px;font-size:13px}
.consolidate .sums{list-style:none;padding-left:0}
.consolidate .sums label{display:inline}
.consolidate input[type=checkbox]{width:auto;min-height:0;margin:0 6px 0 0;vertical-align:middle}
.consolidate .formula{color:#52606d;display:block;margin-left:22px}
.consolidate .note{font-size:13px;color:#52606d}
.import label{display:block;font-size:14px;margin:8px 0 4px}
.import textarea{resize:vertical;min-height:96px}
.import input[type=file]{border:none;padding:4px 0}
.recognised .areas{margin:4px 0 8px;padding-left:22px}
.recognised p{margin:4px 0}
.actions .spacer{flex:1}
@media (max-width:480px){header{flex-wrap:wrap}header h2{flex-basis:100%}}
`;
