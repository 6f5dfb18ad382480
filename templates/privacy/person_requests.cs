<?cs # person_requests.cs: the requests section of a person's page (person.cs, me.cs) ?>
