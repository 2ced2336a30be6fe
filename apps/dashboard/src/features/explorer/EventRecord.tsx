import type { StoredEvent } from "@closewatch/protocol";
import type { ReactNode } from "react";
import { CodeLabel } from "../../components/CodeLabel.js";
import { formatDuration } from "../../lib/format.js";
import {
  causeSourceText,
  deliveryText,
  evidenceEntries,
  formatInstant,
  initiatorText,
  sizeFacts,
  trafficText,
} from "./eventFacts.js";

/** A field that was not recorded says so, rather than leaving a gap that looks like a bug. */
function NotRecorded() {
  return <span className="muted">not recorded</span>;
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="explorer-record-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Every field the collector stored for one close, grouped the way one reads them. All API text renders as text. */
export function EventRecord({ event: e }: { event: StoredEvent }) {
  const size = sizeFacts(e);
  const evidence = evidenceEntries(e.evidence);
  return (
    <>
      <h3 className="subheading">What happened</h3>
      <dl className="explorer-record">
        <Row term="Occurred">
          <time dateTime={e.occurredAt}>{formatInstant(e.occurredAt)}</time>
        </Row>
        <Row term="Reached the collector">
          <time dateTime={e.receivedAt}>{formatInstant(e.receivedAt)}</time>
          <span className="cell-sub">{deliveryText(e.occurredAt, e.receivedAt)}</span>
        </Row>
        <Row term="Service">{e.service}</Row>
        <Row term="Instance">{e.instance ?? <NotRecorded />}</Row>
        <Row term="Route">{e.route ?? <NotRecorded />}</Row>
        <Row term="Code">
          <CodeLabel code={e.code} withName />
        </Row>
        <Row term="Reason">{e.reason ? <q className="explorer-reason">{e.reason}</q> : <span className="muted">empty</span>}</Row>
        <Row term="Closed by">{initiatorText(e.initiator)}</Row>
        <Row term="Cause">
          <code className="cause">{e.cause}</code>
        </Row>
        <Row term="Cause source">
          <code className="cause">{e.causeSource}</code>
          <span className="cell-sub">{causeSourceText(e.causeSource)}</span>
        </Row>
        <Row term="ws error code">{e.wsErrorCode ? <code>{e.wsErrorCode}</code> : <NotRecorded />}</Row>
      </dl>

      <h3 className="subheading">Message size</h3>
      <dl className="explorer-record">
        <Row term="Size">{size.size ?? <NotRecorded />}</Row>
        <Row term="Limit">{size.limit ?? <NotRecorded />}</Row>
        {size.comparison ? <Row term="Against the limit">{size.comparison}</Row> : null}
      </dl>

      <h3 className="subheading">Connection</h3>
      <dl className="explorer-record">
        <Row term="Age at close">{formatDuration(e.connectionAgeMs)}</Row>
        <Row term="Received by the server">{trafficText(e.messagesIn, e.bytesIn)}</Row>
        <Row term="Sent by the server">{trafficText(e.messagesOut, e.bytesOut)}</Row>
        <Row term="client (hashed)">
          {e.clientAddressHash ? (
            <>
              <code>{e.clientAddressHash}</code>
              <span className="cell-sub">the agent's keyed hash of the client's address; the same client has the same hash</span>
            </>
          ) : (
            <NotRecorded />
          )}
        </Row>
      </dl>

      <h3 className="subheading">Evidence</h3>
      {evidence.length > 0 ? (
        <dl className="explorer-record is-evidence" aria-label="Evidence">
          {evidence.map(({ key, value }) => (
            <Row key={key} term={key}>
              {value}
            </Row>
          ))}
        </dl>
      ) : (
        <p className="muted">The agent recorded no evidence for this close.</p>
      )}

      <h3 className="subheading">Event id</h3>
      <p className="explorer-id">
        <code>{e.id}</code>
      </p>
    </>
  );
}
