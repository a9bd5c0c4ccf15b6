// Renders the mail Tessera writes by itself from handlebars templates (the defaults under
// templates/, or an admin's version of them): HTML escaped by default, unknown variables an error
// (a typo in a template must be refused when it is saved, not mail a blank). Before a source is
// compiled it is checked against the template's variables, so a variable inside an `{{#if}}`
// branch that a preview happens not to take is caught as well.
import Handlebars from 'handlebars';
import { htmlDocument, isHtmlDocument } from './html.js';
import { singleLine } from './subject.js';
import {
  ACKNOWLEDGEMENT_TEMPLATE,
  type AcknowledgementVariables,
} from './templates/acknowledgement.js';
import {
  AGENT_ASSIGNED_TEMPLATE,
  type AgentAssignedVariables,
} from './templates/agent-assigned.js';
import {
  CUSTOMER_REPLIED_TEMPLATE,
  type CustomerRepliedVariables,
} from './templates/customer-replied.js';
import {
  MAIL_TEMPLATE_PARTS,
  type MailTemplateDefinition,
  type MailTemplatePart,
  type MailTemplateSource,
} from './templates/definition.js';

export type { AcknowledgementVariables } from './templates/acknowledgement.js';
export type { AgentAssignedVariables } from './templates/agent-assigned.js';
export type { CustomerRepliedVariables } from './templates/customer-replied.js';
export {
  MAIL_TEMPLATE_PARTS,
  type MailTemplateDefinition,
  type MailTemplatePart,
  type MailTemplateSource,
  type MailTemplateValue,
  type MailTemplateVariable,
} from './templates/definition.js';

/** The variables each template is rendered with. */
export interface MailTemplateVariables {
  acknowledgement: AcknowledgementVariables;
  'agent-assigned': AgentAssignedVariables;
  'customer-replied': CustomerRepliedVariables;
}

export type MailTemplateKey = keyof MailTemplateVariables;

/** Every template, in the order admins see them. */
export const MAIL_TEMPLATE_KEYS = [
  'acknowledgement',
  'agent-assigned',
  'customer-replied',
] as const satisfies readonly MailTemplateKey[];

export const MAIL_TEMPLATES: {
  [K in MailTemplateKey]: MailTemplateDefinition<MailTemplateVariables[K]>;
} = {
  acknowledgement: ACKNOWLEDGEMENT_TEMPLATE,
  'agent-assigned': AGENT_ASSIGNED_TEMPLATE,
  'customer-replied': CUSTOMER_REPLIED_TEMPLATE,
};

export function isMailTemplateKey(key: string): key is MailTemplateKey {
  return (MAIL_TEMPLATE_KEYS as readonly string[]).includes(key);
}

export interface RenderedMail {
  /** One line, without the ticket tag, which the caller adds with the help desk's hook. */
  subject: string;
  text: string;
  /** A complete HTML document. */
  html: string;
}

/** What is wrong with one part of a template, said so that an admin can fix it. */
export interface MailTemplateProblem {
  part: MailTemplatePart;
  message: string;
}

/** A template that cannot be rendered: the problems name the parts. */
export class InvalidMailTemplateError extends Error {
  constructor(readonly problems: MailTemplateProblem[]) {
    super(problems.map((problem) => `${problem.part} ${problem.message}`).join('; '));
    this.name = 'InvalidMailTemplateError';
  }
}

/** Subjects longer than this are cut: the tag still has to fit in a 998-character header. */
export const MAX_RENDERED_SUBJECT_LENGTH = 900;

/** The only helpers a template may use; every other name must be one of its variables. */
const HELPERS = ['if', 'unless'] as const;

// A private environment: helpers or partials registered elsewhere never reach these templates.
const handlebars = Handlebars.create();

type Delegate = Handlebars.TemplateDelegate<object>;

/**
 * The problems of a template's parts (those given), checked against the template's variables:
 * empty when every part compiles and uses only what the template offers.
 */
export function checkMailTemplate(
  key: MailTemplateKey,
  source: Partial<MailTemplateSource>,
): MailTemplateProblem[] {
  const problems: MailTemplateProblem[] = [];
  for (const part of MAIL_TEMPLATE_PARTS) {
    const text = source[part];
    if (text === undefined) continue;
    const compiled = compilePart(key, part, text);
    if (!('render' in compiled)) {
      problems.push(...compiled.problems.map((message) => ({ part, message })));
    }
  }
  return problems;
}

/**
 * Renders a template (by default as Tessera ships it) with its variables. Throws a
 * InvalidMailTemplateError when the source does not pass checkMailTemplate.
 */
export function renderMailTemplate<K extends MailTemplateKey>(
  key: K,
  variables: MailTemplateVariables[K],
  source: MailTemplateSource = MAIL_TEMPLATES[key].source,
): RenderedMail {
  const problems: MailTemplateProblem[] = [];
  const delegates: Partial<Record<MailTemplatePart, Delegate>> = {};
  for (const part of MAIL_TEMPLATE_PARTS) {
    const compiled = compilePart(key, part, source[part]);
    if ('render' in compiled) delegates[part] = compiled.render;
    else problems.push(...compiled.problems.map((message) => ({ part, message })));
  }
  if (problems.length > 0 || !delegates.subject || !delegates.text || !delegates.html) {
    throw new InvalidMailTemplateError(problems);
  }
  const html = delegates.html(variables);
  return {
    subject: cut(singleLine(delegates.subject(variables)), MAX_RENDERED_SUBJECT_LENGTH),
    text: delegates.text(variables),
    // An admin may write a whole document; a fragment gets one around it.
    html: isHtmlDocument(html) ? html : htmlDocument(html),
  };
}

/** The acknowledgement as Tessera ships it. */
export function renderAcknowledgement(variables: AcknowledgementVariables): RenderedMail {
  return renderMailTemplate('acknowledgement', variables);
}

type Compiled = { render: Delegate } | { problems: string[] };

// Compiled parts by template, part and source: the same few sources are rendered over and over.
// Bounded, as drafts being previewed are sources too.
const compiledCache = new Map<string, Compiled>();
const COMPILED_CACHE_SIZE = 200;

function compilePart(key: MailTemplateKey, part: MailTemplatePart, source: string): Compiled {
  const cacheKey = `${key}\u0000${part}\u0000${source}`;
  const cached = compiledCache.get(cacheKey);
  if (cached) return cached;
  const compiled = compileUncached(key, part, source);
  if (compiledCache.size >= COMPILED_CACHE_SIZE) compiledCache.clear();
  compiledCache.set(cacheKey, compiled);
  return compiled;
}

function compileUncached(key: MailTemplateKey, part: MailTemplatePart, source: string): Compiled {
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(source);
  } catch (error) {
    return { problems: [syntaxError(error)] };
  }
  const template = MAIL_TEMPLATES[key];
  const variables = new Set<string>(template.variables.map((variable) => variable.name));
  const problems = [...new Set(new TemplateChecker(variables, part === 'html').check(program))];
  if (problems.length > 0) return { problems };
  try {
    const render = handlebars.compile<object>(source, {
      noEscape: part !== 'html',
      strict: true,
      knownHelpers: Object.fromEntries(HELPERS.map((helper) => [helper, true])),
      knownHelpersOnly: true,
    });
    // Compiles it now (handlebars compiles lazily), with values of the right kinds.
    render(template.sample);
    return { render };
  } catch (error) {
    return { problems: [syntaxError(error)] };
  }
}

/** A handlebars parse error as one line naming where it is. */
function syntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const parse = /^(?:Parse|Lexical) error on line (\d+)/.exec(message);
  if (parse) {
    const lines = message.split('\n');
    const detail = (lines[lines.length - 1] ?? '').trim();
    const early = /got 'EOF'$/.test(detail)
      ? ' (the template ends too early: is a }} or a closing {{/if}} missing?)'
      : '';
    return `has a syntax error on line ${parse[1]}: ${lowerFirst(detail)}${early}`;
  }
  const line = (error as { lineNumber?: unknown }).lineNumber;
  const detail = message.replace(/ - \d+:\d+$/, '');
  return typeof line === 'number'
    ? `has a syntax error on line ${line}: ${detail}`
    : `does not compile: ${detail}`;
}

/**
 * Walks a parsed template and names everything it may not do: a name that is not one of the
 * template's variables, helpers other than if/unless, partials, and (in the HTML part)
 * unescaped output, which would let a customer's name write HTML into the mail.
 */
class TemplateChecker {
  private readonly problems: string[] = [];

  constructor(
    private readonly variables: ReadonlySet<string>,
    private readonly escapes: boolean,
  ) {}

  check(program: hbs.AST.Program): string[] {
    this.program(program);
    return this.problems;
  }

  private program(program: hbs.AST.Program | undefined): void {
    for (const statement of program?.body ?? []) this.statement(statement);
  }

  private statement(node: hbs.AST.Statement): void {
    const line = node.loc?.start.line ?? 1;
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (mustache.params.length > 0 || mustache.hash?.pairs.length) {
          this.problems.push(
            `uses the helper ${describe(mustache.path)} on line ${line}: only {{#if}} and ` +
              '{{#unless}} are available',
          );
          return;
        }
        if (this.escapes && !mustache.escaped) {
          this.problems.push(
            `writes ${describe(mustache.path)} unescaped on line ${line} ({{{…}}} or {{&…}}): ` +
              'write {{name}}, which escapes the value for HTML',
          );
          return;
        }
        this.expression(mustache.path, line);
        return;
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        const helper = block.path.original;
        if (!(HELPERS as readonly string[]).includes(helper) || block.path.data) {
          this.problems.push(
            `uses {{#${helper}}} on line ${line}: only {{#if}} and {{#unless}} blocks are available`,
          );
          return;
        }
        if (block.params.length !== 1) {
          this.problems.push(`uses {{#${helper}}} on line ${line} without exactly one variable`);
        }
        for (const param of block.params) this.expression(param, line);
        for (const pair of block.hash?.pairs ?? []) this.expression(pair.value, line);
        if (block.program?.blockParams?.length) {
          this.problems.push(`uses block parameters on line ${line}: they are not available`);
        }
        this.program(block.program);
        this.program(block.inverse);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        this.problems.push(`uses a partial on line ${line}: partials are not available`);
        return;
      default: // decorators
        this.problems.push(`uses a decorator on line ${line}: decorators are not available`);
    }
  }

  private expression(node: hbs.AST.Expression, line: number): void {
    if (node.type === 'SubExpression') {
      this.problems.push(
        `uses the helper ${describe((node as hbs.AST.SubExpression).path)} on line ${line}: ` +
          'only {{#if}} and {{#unless}} are available',
      );
      return;
    }
    if (node.type !== 'PathExpression') return; // a literal: "text", 1, true
    const path = node as hbs.AST.PathExpression;
    const [name] = path.parts;
    const plain = !path.data && path.depth === 0 && path.parts.length === 1;
    if (plain && name !== undefined && this.variables.has(name)) return;
    this.problems.push(
      `uses {{${path.original}}} on line ${line}, which is not a variable of this template`,
    );
  }
}

function describe(path: hbs.AST.PathExpression | hbs.AST.Literal): string {
  return `{{${'original' in path ? String(path.original) : '…'}}}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
