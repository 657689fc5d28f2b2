/**
 * Links to a cell inside the same workbook (`#'台账'!F17`), written the way Excel writes them.
 *
 * exceljs 4.4 writes such a hyperlink both as an external relationship and as a `location`, which
 * Excel shows as `#'台账'!F17##'台账'!F17` and cannot follow (exceljs issue #3027); and when it
 * reads a workbook it drops the links Excel writes with a `location` only (issue #920), so an
 * analyst's own table-of-contents links would vanish from the copy we write. This installs, once
 * per process, two small overrides of exceljs's worksheet serialisation:
 * - writing: a hyperlink whose target starts with '#' becomes `<hyperlink ref location/>` with no
 *   relationship;
 * - reading: a `<hyperlink location>` without a relationship becomes the cell hyperlink
 *   `#location`, so it survives a read–write round trip.
 * External links are left exactly as exceljs handles them.
 */

// exceljs's serialisation classes are not part of its typed API.
interface XmlStream {
  leafNode(name: string, attributes: Record<string, unknown>): void;
}
interface HyperlinkModel {
  address: string;
  target?: string;
  tooltip?: string;
  rId?: string;
}
interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}
interface SheetModel {
  hyperlinks?: HyperlinkModel[];
  relationships?: Relationship[];
  rels?: Relationship[];
}

let installed = false;

const isInternal = (target: unknown): target is string => typeof target === 'string' && target.startsWith('#');

export function installInternalLinks(): void {
  if (installed) return;
  installed = true;
  const HyperlinkXform = require('exceljs/lib/xlsx/xform/sheet/hyperlink-xform');
  const WorksheetXform = require('exceljs/lib/xlsx/xform/sheet/worksheet-xform');
  const RelType = require('exceljs/lib/xlsx/rel-type');
  const hyperlinkProto = HyperlinkXform.prototype;
  const worksheetProto = WorksheetXform.prototype;
  if (typeof hyperlinkProto.render !== 'function' || typeof worksheetProto.prepare !== 'function' || typeof worksheetProto.reconcile !== 'function' || typeof RelType.Hyperlink !== 'string') {
    return; // a different exceljs: leave it alone
  }

  const render = hyperlinkProto.render;
  hyperlinkProto.render = function (this: unknown, xmlStream: XmlStream, model: HyperlinkModel): void {
    if (!isInternal(model.target)) return render.call(this, xmlStream, model);
    xmlStream.leafNode('hyperlink', { ref: model.address, location: model.target.slice(1), tooltip: model.tooltip });
  };

  const prepare = worksheetProto.prepare;
  worksheetProto.prepare = function (this: unknown, model: SheetModel, options: unknown): void {
    prepare.call(this, model, options);
    // exceljs made an external relationship for every link; in-workbook links need none.
    if (model.rels) model.rels = model.rels.filter((rel) => !(rel.Type === RelType.Hyperlink && isInternal(rel.Target)));
  };

  const reconcile = worksheetProto.reconcile;
  worksheetProto.reconcile = function (this: unknown, model: SheetModel, options: unknown): void {
    const links = (model.hyperlinks ?? []).filter((h) => !h.rId && typeof h.target === 'string' && h.target !== '');
    if (links.length) {
      const relationships = [...(model.relationships ?? [])];
      links.forEach((h, i) => {
        const id = `hsInternalLink${i + 1}`;
        relationships.push({ Id: id, Type: RelType.Hyperlink, Target: `#${h.target}`, TargetMode: 'External' });
        h.rId = id;
      });
      model.relationships = relationships;
    }
    reconcile.call(this, model, options);
  };
}

/** Whether `installInternalLinks` has run in this process: readers that bypass exceljs follow its reading rule too. */
export function internalLinksInstalled(): boolean {
  return installed;
}
