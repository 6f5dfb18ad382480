<?cs # days.cs: a timesheet's week as its pages show it — per day the planned shifts against the hours entered, the differences and flags marked (in words, not colour alone), the totals, the wage where it may be shown, and the versions sent ?>
<?cs def:days() ?>
<?cs if:Page.FlagCount > 0 ?><div class="alert alert-warn" role="status"><p><strong><?cs var:Lang.Timesheets.Flags.Title ?></strong></p><ul>
  <?cs if:Page.Flags.over_contract ?><li><?cs var:Lang.Timesheets.Flags.over_contract ?> (<?cs var:Page.Totals.Diff ?>)</li><?cs /if ?>
  <?cs if:Page.Flags.week_max ?><li><?cs var:Lang.Timesheets.Flags.week_max ?> <?cs var:Page.Rules.MaxWeek ?> h</li><?cs /if ?>
  <?cs each:d = Page.Days ?><?cs if:d.OverMax ?><li><?cs var:Lang.Timesheets.Days[d.Day] ?> <?cs var:d.Date ?>: <?cs var:Lang.Timesheets.Flags.day_max ?> <?cs var:Page.Rules.MaxDay ?> h</li><?cs /if ?><?cs if:d.ShortRest ?><li><?cs var:Lang.Timesheets.Days[d.Day] ?> <?cs var:d.Date ?>: <?cs var:Lang.Timesheets.Flags.rest ?> <?cs var:d.ShortRest ?> (<?cs var:Lang.Timesheets.Flags.RestMin ?> <?cs var:Page.Rules.MinRest ?> h)</li><?cs /if ?><?cs /each ?>
</ul></div><?cs /if ?>
<div class="table-wrap" tabindex="0"><table class="data sheet">
  <caption class="visually-hidden"><?cs var:Lang.Timesheets.Sheet.Entries ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Timesheets.Sheet.Day ?></th><th scope="col"><?cs var:Lang.Timesheets.Sheet.Planned ?></th><th scope="col"><?cs var:Lang.Timesheets.Sheet.Worked ?></th><th scope="col" class="num"><?cs var:Lang.Timesheets.Hours ?></th><th scope="col" class="num"><?cs var:Lang.Timesheets.Sheet.Diff ?></th></tr></thead>
  <tbody><?cs each:d = Page.Days ?>
  <tr<?cs if:d.Differs ?> class="differs"<?cs /if ?>><th scope="row" class="nowrap"><?cs var:Lang.Timesheets.Days[d.Day] ?><br><span class="muted small"><?cs var:d.Date ?></span></th>
    <td class="small"><?cs each:p = d.Planned ?><span class="nowrap"><?cs var:p.Start ?>–<?cs var:p.End ?></span><?cs if:p.Break > 0 ?> <span class="nowrap">(<?cs var:p.Break ?> min)</span><?cs /if ?><br><?cs /each ?><?cs if:subcount(d.Planned) == 0 ?><span class="muted">—</span><?cs /if ?></td>
    <td class="small"><?cs each:e = d.Entries ?><span class="nowrap"><?cs var:e.Start ?>–<?cs var:e.End ?><?cs if:e.Overnight ?> (+1)<?cs /if ?></span><?cs if:e.Break > 0 ?> <span class="nowrap">(<?cs var:e.Break ?> min)</span><?cs /if ?><?cs if:e.Differs ?> <span class="badge badge-warn"><?cs var:Lang.Timesheets.Sheet.Differs ?></span><?cs /if ?>
      <?cs if:e.OtherPosition ?><br><span class="muted"><?cs var:e.Position ?></span><?cs /if ?><?cs if:e.Night ?><br><span class="muted"><?cs var:Lang.Timesheets.Totals.Night ?> <?cs var:e.Night ?></span><?cs /if ?><?cs if:e.Weekend ?><br><span class="muted"><?cs var:Lang.Timesheets.Totals.Weekend ?> <?cs var:e.Weekend ?></span><?cs /if ?>
      <?cs if:e.Remark ?><br><span class="muted"><?cs var:e.Remark ?></span><?cs /if ?><?cs if:e.EnteredBy ?><br><span class="muted"><?cs var:Lang.Timesheets.EnteredBy ?> <?cs var:e.EnteredBy ?></span><?cs /if ?><br><?cs /each ?><?cs if:subcount(d.Entries) == 0 ?><span class="muted">—</span><?cs /if ?></td>
    <td class="num"><?cs var:d.Worked ?><?cs if:d.Overtime ?><br><span class="muted small"><?cs var:Lang.Timesheets.Totals.Overtime ?> <?cs var:d.Overtime ?></span><?cs /if ?></td>
    <td class="num"><?cs if:d.Diff ?><strong><?cs var:d.Diff ?></strong><?cs /if ?></td></tr>
  <?cs /each ?></tbody>
  <tfoot><tr><th scope="row"><?cs var:Lang.Timesheets.Totals.Title ?></th><td><?cs var:Page.Totals.Planned ?></td><td class="small"><?cs var:Lang.Timesheets.Totals.Night ?> <?cs var:Page.Totals.Night ?> · <?cs var:Lang.Timesheets.Totals.Weekend ?> <?cs var:Page.Totals.Weekend ?> · <?cs var:Lang.Timesheets.Totals.Overtime ?> <?cs var:Page.Totals.Overtime ?></td><td class="num"><strong><?cs var:Page.Totals.Worked ?></strong></td><td class="num"><?cs var:Page.Totals.Diff ?></td></tr></tfoot>
</table></div>
<?cs if:Page.Wage.Hourly ?><p><?cs var:Lang.Timesheets.Wage.Hourly ?>: € <?cs var:Page.Wage.Hourly ?> · <?cs var:Lang.Timesheets.Wage.Amount ?>: € <?cs var:Page.Wage.Amount ?></p><?cs /if ?>
<?cs if:subcount(Page.History) > 0 ?><section class="panel">
<h2><?cs var:Lang.Timesheets.History.Title ?></h2>
<ul class="plain"><?cs each:v = Page.History ?><li><strong><?cs var:Lang.Timesheets.History.Version ?> <?cs var:v.Version ?></strong> · <?cs var:v.Hours ?> <?cs var:Lang.Timesheets.HoursShort ?> · <?cs var:v.At ?><?cs if:v.By ?> · <?cs var:v.By ?><?cs /if ?>
  · <?cs if:v.Sent ?><span class="badge badge-ok"><?cs var:Lang.Timesheets.History.Sent ?></span><?cs elif:v.Refusal ?><span class="badge badge-error"><?cs var:Lang.Timesheets.History.Refused ?></span> <?cs var:v.Refusal ?><?cs else ?><span class="badge badge-neutral"><?cs var:Lang.Timesheets.History.Waiting ?></span><?cs /if ?>
  <?cs if:v.Reason ?><br><span class="muted"><?cs var:Lang.Timesheets.History.Reason ?>: <?cs var:v.Reason ?></span><?cs /if ?></li><?cs /each ?></ul>
</section><?cs /if ?>
<?cs /def ?>
