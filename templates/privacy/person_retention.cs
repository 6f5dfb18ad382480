<?cs # person_retention.cs: how long a temp worker or a candidate is kept — his date, the consent links he was sent, the contact moments that extended it, and the form to record one (person.cs) ?>
<?cs if:Page.Retention.Shown ?>
<section class="panel" aria-labelledby="retention-h">
  <h2 id="retention-h"><?cs var:Lang.Privacy.Retention.Title ?></h2>
  <p><?cs var:Lang.Privacy.Retention.Rule ?> <?cs var:Page.Retention.Months ?> <?cs var:Lang.Privacy.Retention.RuleMonths ?></p>
  <dl class="details">
    <dt><?cs var:Lang.Privacy.Persons.KeepUntil ?></dt>
    <dd><?cs if:Page.Subject.KeepUntil ?><?cs var:Page.Subject.KeepUntil ?><?cs else ?><?cs var:Lang.Privacy.Retention.NotYet ?><?cs /if ?>
      <?cs if:Page.Retention.Expired ?> <span class="badge badge-error"><?cs var:Lang.Privacy.Persons.Overdue ?></span><?cs elif:Page.Retention.Due ?> <span class="badge badge-warn"><?cs var:Lang.Privacy.Retention.Soon ?></span><?cs /if ?></dd>
  </dl>
  <?cs if:subcount(Page.Retention.Asked) > 0 ?>
  <div class="table-wrap" tabindex="0"><table class="data">
    <caption><?cs var:Lang.Privacy.Retention.Asked ?></caption>
    <thead><tr><th scope="col"><?cs var:Lang.Privacy.Retention.Sent ?></th><th scope="col"><?cs var:Lang.Privacy.Retention.For ?></th><th scope="col"><?cs var:Lang.Privacy.Retention.LinkUntil ?></th><th scope="col"><?cs var:Lang.Privacy.Retention.Answer ?></th></tr></thead>
    <tbody><?cs each:a = Page.Retention.Asked ?><tr><td class="nowrap"><?cs var:a.Sent ?></td><td class="nowrap"><?cs var:a.For ?></td><td class="nowrap"><?cs var:a.Expires ?></td>
      <td><?cs if:a.Used ?><span class="badge badge-ok"><?cs var:Lang.Privacy.Retention.Agreed ?></span> <?cs var:a.Used ?><?cs elif:a.Lapsed ?><span class="badge badge-neutral"><?cs var:Lang.Privacy.Retention.Lapsed ?></span><?cs else ?><span class="badge badge-warn"><?cs var:Lang.Privacy.Retention.Waiting ?></span><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table></div>
  <?cs /if ?>
  <?cs if:subcount(Page.Retention.Moments) > 0 ?>
  <div class="table-wrap" tabindex="0"><table class="data">
    <caption><?cs var:Lang.Privacy.Retention.Moments ?></caption>
    <thead><tr><th scope="col"><?cs var:Lang.Privacy.Retention.At ?></th><th scope="col"><?cs var:Lang.Privacy.Retention.How ?></th><th scope="col"><?cs var:Lang.Privacy.Retention.ExtendedTo ?></th><th scope="col"><?cs var:Lang.Privacy.Retention.Text ?></th></tr></thead>
    <tbody><?cs each:m = Page.Retention.Moments ?><tr><td class="nowrap"><?cs var:m.At ?></td>
      <td><?cs if:m.Kind == "consent" ?><?cs var:Lang.Privacy.Retention.ByLink ?><?cs else ?><?cs var:Lang.Privacy.Retention.ByStaff ?> <?cs var:m.By ?><?cs /if ?></td>
      <td class="nowrap"><?cs var:m.To ?></td><td class="wrap"><?cs var:m.Text ?><?cs if:m.Version ?> <span class="small muted">(<?cs var:m.Version ?>, <?cs var:m.Lang ?>)</span><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table></div>
  <?cs /if ?>
  <?cs if:Page.Retention.MayRecord ?>
  <form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Subject.Path ?>/contact" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field<?cs if:Page.Errors.note ?> has-error<?cs /if ?>">
      <label for="f-note"><?cs var:Lang.Privacy.Retention.Note ?></label>
      <textarea id="f-note" name="note" rows="2" maxlength="1000" required<?cs if:Page.Errors.note ?> aria-invalid="true" aria-describedby="e-note"<?cs /if ?>><?cs var:Page.Form.note ?></textarea>
      <?cs if:Page.Errors.note ?><p class="field-error" id="e-note"><?cs var:Lang.Errors[Page.Errors.note] ?></p><?cs /if ?>
    </div>
    <p class="muted small"><?cs var:Lang.Privacy.Retention.NoteHelp ?> <?cs var:Page.Retention.ExtendMonths ?> <?cs var:Lang.Privacy.Retention.Months ?></p>
    <div class="actions"><button type="submit" class="btn"><?cs var:Lang.Privacy.Retention.Record ?></button></div>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>
